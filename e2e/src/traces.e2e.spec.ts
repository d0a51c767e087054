import { Client } from 'pg';
import { Topics } from '@subsync/domain';
import { OtlpCollector, type ReceivedSpan } from './support/otlp-collector';
import { eventually, RunningSystem } from './support/running-system';

// One API sync, traced: the gateway and zuora-sync export their spans over OTLP/HTTP to a
// collector stand-in, and every span the sync caused, on both sides of the outbox and Kafka,
// is in one trace.

const CORRELATION_ID_ATTRIBUTE = 'subsync.correlation_id';
const SUBSCRIPTION = 'A-S00000271';
const CALLOUT_USERNAME = 'zuora-callouts';
const CALLOUT_PASSWORD = 'e2e-traces-callout-password';

describe('traces across gateway, Kafka and zuora-sync', () => {
  let collector: OtlpCollector;
  let system: RunningSystem;
  const correlationId = globalThis.crypto.randomUUID();

  beforeAll(async () => {
    collector = await OtlpCollector.start();
    system = await RunningSystem.start(['gateway', 'zuora-sync'], {
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
        // Export within a fraction of a second instead of the default five.
        OTEL_BSP_SCHEDULE_DELAY: '200',
        CALLOUT_USERNAME,
        CALLOUT_PASSWORD,
      },
    });
    const sync = await system.api('POST', `/api/plugins/zuora/sync/subscription/${SUBSCRIPTION}`, {
      headers: { 'x-correlation-id': correlationId },
    });
    expect(sync.status).toBe(200);
  });

  afterAll(async () => {
    await system?.stop();
    await collector?.close();
  });

  const isSyncRequested = (span: ReceivedSpan) =>
    span.attributes['messaging.destination.name'] === system.topic(Topics.syncRequested);
  const isSyncCompleted = (span: ReceivedSpan) =>
    span.attributes['messaging.destination.name'] === system.topic(Topics.syncCompleted);

  /** The one trace the sync made: every span carrying its correlation id is in it. */
  async function syncTrace(): Promise<ReceivedSpan[]> {
    return eventually(async () => {
      const marked = collector.spans.filter(
        (span) => span.attributes[CORRELATION_ID_ATTRIBUTE] === correlationId,
      );
      // The request, the send of sync.requested, its processing, the send of sync.completed and
      // the gateway's processing of that outcome.
      expect(new Set(marked.map((span) => span.service))).toEqual(
        new Set(['gateway', 'zuora-sync']),
      );
      expect(marked.some((span) => span.kind === 'consumer' && isSyncCompleted(span))).toBe(true);
      const traceIds = new Set(marked.map((span) => span.traceId));
      expect([...traceIds]).toHaveLength(1);
      return Promise.resolve(collector.trace([...traceIds][0]!));
    });
  }

  it('puts the request, the outbox send, Kafka, the consumer, Zuora calls and queries in one trace', async () => {
    const spans = await syncTrace();
    const of = (service: string) => spans.filter((span) => span.service === service);
    const gateway = of('gateway');
    const worker = of('zuora-sync');

    const request = gateway.find((span) => span.kind === 'server');
    expect(request?.name).toMatch(/^POST/);
    expect(request?.parentSpanId).toBeNull();

    // The gateway's relay sends sync.requested from the outbox row, continuing the request's trace.
    const sent = gateway.find((span) => span.kind === 'producer' && isSyncRequested(span));
    expect(sent?.attributes).toMatchObject({
      'messaging.system': 'kafka',
      [CORRELATION_ID_ATTRIBUTE]: correlationId,
    });
    // zuora-sync's consumer span is the child of that send, through the Kafka headers.
    const processed = worker.find((span) => span.kind === 'consumer' && isSyncRequested(span));
    expect(processed?.parentSpanId).toBe(sent?.spanId);
    expect(processed?.attributes).toMatchObject({
      'messaging.consumer.group.name': 'subsync.zuora-sync',
      [CORRELATION_ID_ATTRIBUTE]: correlationId,
    });

    // Inside it: calls to the Zuora sandbox (undici) and PostgreSQL queries.
    const zuoraCalls = worker.filter(
      (span) =>
        span.kind === 'client' &&
        String(span.attributes['url.full']).startsWith(system.sandbox.url),
    );
    expect(zuoraCalls.map((span) => String(span.attributes['url.full']))).toEqual(
      expect.arrayContaining([expect.stringContaining(`/v1/subscriptions/${SUBSCRIPTION}`)]),
    );
    const isQuery = (span: ReceivedSpan) =>
      span.kind === 'client' &&
      (span.attributes['db.system'] === 'postgresql' ||
        span.attributes['db.system.name'] === 'postgresql');
    expect(worker.filter(isQuery).length).toBeGreaterThan(0);
    expect(gateway.filter(isQuery).length).toBeGreaterThan(0);

    // The outcome goes back the same way: zuora-sync sends sync.completed, the gateway hears it.
    const completed = worker.find((span) => span.kind === 'producer' && isSyncCompleted(span));
    const heard = gateway.find((span) => span.kind === 'consumer' && isSyncCompleted(span));
    expect(heard?.parentSpanId).toBe(completed?.spanId);

    // Nothing the sync did failed.
    expect(spans.filter((span) => span.statusCode === 2)).toEqual([]);
    expect(collector.rejected).toEqual([]);
  });

  it("stores the writer's trace context with the outbox row, and it reaches Kafka as headers", async () => {
    const [traceId] = new Set((await syncTrace()).map((span) => span.traceId));
    const client = new Client({ connectionString: system.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ headers: Record<string, string> }>(
        `SELECT headers FROM outbox WHERE topic = $1 AND headers->>'correlation-id' = $2`,
        [Topics.syncRequested, correlationId],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]!.headers['traceparent']).toMatch(
        new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`),
      );
    } finally {
      await client.end();
    }
  });

  it('writes trace_id and span_id into the log lines written inside a span', async () => {
    // A callout whose body names another subscription is synced by its path, with a warning
    // logged while the request's span is active.
    const calloutCorrelation = globalThis.crypto.randomUUID();
    const callout = await system.send('POST', '/api/plugins/zuora/sync/subscription/A-S00000272', {
      headers: {
        authorization: `Basic ${Buffer.from(`${CALLOUT_USERNAME}:${CALLOUT_PASSWORD}`).toString('base64')}`,
        'content-type': 'application/json',
        prefer: 'respond-async',
        'x-correlation-id': calloutCorrelation,
      },
      body: JSON.stringify({ SubscriptionNumber: SUBSCRIPTION }),
    });
    expect(callout.status).toBe(202);
    const request = await eventually(() => {
      const span = collector.spans.find(
        (candidate) =>
          candidate.service === 'gateway' &&
          candidate.attributes[CORRELATION_ID_ATTRIBUTE] === calloutCorrelation,
      );
      expect(span).toBeDefined();
      return Promise.resolve(span!);
    });
    const warning = system
      .service('gateway')
      .logs()
      .filter((line) => line.includes('names SubscriptionNumber'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(warning).toEqual([
      expect.objectContaining({
        trace_id: request.traceId,
        span_id: expect.stringMatching(/^[0-9a-f]{16}$/),
      }),
    ]);
    // Spans of the trace include the one that was active when the line was written.
    const spanIds = collector.trace(request.traceId).map((span) => span.spanId);
    expect(spanIds).toContain(warning[0]!['span_id']);
  });
});
