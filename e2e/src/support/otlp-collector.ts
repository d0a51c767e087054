import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
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
  private readonly server = createServer((request, response) => this.handle(request, response));
  private port = 0;

  static async start(): Promise<OtlpCollector> {
    const collector = new OtlpCollector();
    await new Promise<void>((resolve) => collector.server.listen(0, '127.0.0.1', resolve));
    collector.port = (collector.server.address() as AddressInfo).port;
    return collector;
  }

  /** What OTEL_EXPORTER_OTLP_ENDPOINT is set to: the exporter appends `/v1/traces`. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Every span of one trace. */
  trace(traceId: string): ReceivedSpan[] {
    return this.spans.filter((span) => span.traceId === traceId);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/v1/traces') {
        response.writeHead(404).end();
        return;
      }
      if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
        this.rejected.push(`content-type ${request.headers['content-type']}`);
        response.writeHead(415).end();
        return;
      }
      try {
        const raw = Buffer.concat(chunks);
        const body = request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
        this.receive(JSON.parse(body.toString('utf8')) as ExportTraceServiceRequest);
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } catch (error) {
        this.rejected.push(String(error));
        response.writeHead(400).end();
      }
    });
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
