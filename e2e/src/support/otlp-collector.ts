import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** An OTLP attribute value, as the JSON encoding writes it. */
interface AnyValue {
  stringValue?: string;
  intValue?: number | string;
  doubleValue?: number;
  boolValue?: boolean;
}

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: AnyValue }[];
  status?: { code?: number; message?: string };
}

interface ExportTraceServiceRequest {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value: AnyValue }[] };
    scopeSpans?: { spans?: OtlpSpan[] }[];
  }[];
}

/** A span as received, flattened: its service (the resource's `service.name`) and attributes. */
export interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: SpanKindName;
  attributes: Record<string, string | number | boolean>;
  statusCode: number;
}

export type SpanKindName =
  'unspecified' | 'internal' | 'server' | 'client' | 'producer' | 'consumer';
const KINDS: SpanKindName[] = [
  'unspecified',
  'internal',
  'server',
  'client',
  'producer',
  'consumer',
];

/**
 * A stand-in for an OpenTelemetry collector: it accepts OTLP/HTTP trace exports in the JSON
 * encoding (what @opentelemetry/exporter-trace-otlp-http sends) on POST /v1/traces and keeps
 * every span. Anything else gets 404 or 415, as a collector would answer.
 */
export class OtlpCollector {
  readonly spans: ReceivedSpan[] = [];
  /** Export requests that could not be read, so a broken exporter fails the suite. */
  readonly rejected: string[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<OtlpCollector> {
    let collector: OtlpCollector | undefined;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (request.method !== 'POST' || request.url !== '/v1/traces') {
          response.writeHead(404).end();
          return;
        }
        if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
          collector?.rejected.push(`content-type ${request.headers['content-type']}`);
          response.writeHead(415).end();
          return;
        }
        try {
          const raw = Buffer.concat(chunks);
          const body = request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
          collector?.receive(JSON.parse(body.toString('utf8')) as ExportTraceServiceRequest);
          response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        } catch (error) {
          collector?.rejected.push(String(error));
          response.writeHead(400).end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    collector = new OtlpCollector(server, `http://127.0.0.1:${port}`);
    return collector;
  }

  /** Every span of one trace. */
  trace(traceId: string): ReceivedSpan[] {
    return this.spans.filter((span) => span.traceId === traceId);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private receive(request: ExportTraceServiceRequest): void {
    for (const resourceSpans of request.resourceSpans ?? []) {
      const resource = attributesOf(resourceSpans.resource?.attributes);
      const service = String(resource['service.name'] ?? '');
      for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
        for (const span of scopeSpans.spans ?? []) {
          this.spans.push({
            service,
            traceId: span.traceId,
            spanId: span.spanId,
            parentSpanId:
              span.parentSpanId === undefined || span.parentSpanId === ''
                ? null
                : span.parentSpanId,
            name: span.name,
            kind: KINDS[span.kind] ?? 'unspecified',
            attributes: attributesOf(span.attributes),
            statusCode: span.status?.code ?? 0,
          });
        }
      }
    }
  }
}

function attributesOf(
  attributes: { key: string; value: AnyValue }[] | undefined,
): Record<string, string | number | boolean> {
  return Object.fromEntries(
    (attributes ?? []).flatMap(({ key, value }) => {
      const plain =
        value.stringValue ??
        (value.intValue === undefined ? undefined : Number(value.intValue)) ??
        value.doubleValue ??
        value.boolValue;
      return plain === undefined ? [] : [[key, plain]];
    }),
  );
}
