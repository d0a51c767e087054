import {
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
  TraceFlags,
} from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';
import {
  InMemorySpanExporter,
  NodeTracerProvider,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { inProcessSpan, startSendSpan } from './message-spans';
import { CORRELATION_ID_ATTRIBUTE, traceContextFrom, traceHeaders } from './trace-headers';
import { markTracing } from './tracing-state';

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const tracer = () => trace.getTracer('test');
const TOPIC = 'e2e-1234.sync.requested.v1';

/** Runs `work` inside a fresh span, as an HTTP request's handler runs inside the request's span. */
function inRequest<T>(work: (span: Span) => T): T {
  const span = tracer().startSpan('POST /api/plugins/zuora/sync/subscription/:id');
  try {
    return context.with(trace.setSpan(context.active(), span), () => work(span));
  } finally {
    span.end();
  }
}

function finished(name: string): ReadableSpan {
  const span = exporter.getFinishedSpans().find((candidate) => candidate.name === name);
  if (span === undefined) throw new Error(`no finished span named ${name}`);
  return span;
}

beforeAll(() => provider.register());
afterAll(async () => {
  markTracing(false);
  await provider.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
});
beforeEach(() => {
  exporter.reset();
  markTracing(true);
});

describe('trace headers', () => {
  it('carry the active span as a W3C traceparent, and its tracestate', () => {
    const span = tracer().startSpan('request');
    const stated = trace.setSpanContext(context.active(), {
      ...span.spanContext(),
      traceState: new TraceState('vendor=abc'),
    });
    const headers = traceHeaders(stated);
    const { traceId, spanId } = span.spanContext();
    expect(headers).toEqual({
      traceparent: `00-${traceId}-${spanId}-01`,
      tracestate: 'vendor=abc',
    });
    const extracted = trace.getSpanContext(traceContextFrom(headers));
    expect(extracted).toMatchObject({
      traceId,
      spanId,
      traceFlags: TraceFlags.SAMPLED,
      isRemote: true,
    });
    expect(extracted?.traceState?.get('vendor')).toBe('abc');
    span.end();
  });

  it('are empty outside any span, and when tracing is off', () => {
    expect(traceHeaders()).toEqual({});
    markTracing(false);
    expect(inRequest(() => traceHeaders())).toEqual({});
  });
});

describe('a message through the outbox, Kafka and a consumer', () => {
  it('stays in the trace of the request that wrote it: request → send → process → work', async () => {
    // The outbox stores the headers of the request's context with the row…
    const { stored, request } = inRequest((span) => ({
      stored: { 'message-id': 'm-1', 'correlation-id': 'c-1', ...traceHeaders() },
      request: span.spanContext(),
    }));
    // …the relay publishes it later, from no context at all…
    const send = context.with(ROOT_CONTEXT, () =>
      startSendSpan({ topic: TOPIC, headers: stored, messageId: 'm-1', correlationId: 'c-1' }),
    );
    send.end();
    expect(send.headers['message-id']).toBe('m-1');
    // …and the consumer continues from the headers on the record.
    const inside = await inProcessSpan(
      () => [
        { topic: TOPIC, headers: send.headers, partition: 3, offset: '42', correlationId: 'c-1' },
      ],
      'subsync.zuora-sync',
      () => {
        const child = tracer().startSpan('pg.query');
        child.end();
        return Promise.resolve(child.spanContext());
      },
    );

    const sent = finished(`send ${TOPIC}`);
    const processed = finished(`process ${TOPIC}`);
    const work = finished('pg.query');
    expect([sent, processed, work].map((span) => span.spanContext().traceId)).toEqual([
      request.traceId,
      request.traceId,
      request.traceId,
    ]);
    expect(sent.parentSpanContext?.spanId).toBe(request.spanId);
    expect(sent.kind).toBe(SpanKind.PRODUCER);
    expect(send.headers['traceparent']).toBe(
      `00-${request.traceId}-${sent.spanContext().spanId}-01`,
    );
    expect(processed.parentSpanContext?.spanId).toBe(sent.spanContext().spanId);
    expect(processed.kind).toBe(SpanKind.CONSUMER);
    expect(processed.attributes).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.destination.name': TOPIC,
      'messaging.destination.partition.id': '3',
      'messaging.kafka.offset': 42,
      'messaging.consumer.group.name': 'subsync.zuora-sync',
      [CORRELATION_ID_ATTRIBUTE]: 'c-1',
    });
    expect(work.parentSpanContext?.spanId).toBe(processed.spanContext().spanId);
    expect(inside.spanId).toBe(work.spanContext().spanId);
  });

  it('links the other messages handled in the same run, and marks a failed run', async () => {
    const first = inRequest(() => traceHeaders());
    const second = inRequest((span) => ({ headers: traceHeaders(), context: span.spanContext() }));
    await inProcessSpan(
      () => [
        { topic: TOPIC, headers: first },
        { topic: TOPIC, headers: second.headers },
      ],
      'subsync.zuora-sync',
      (span) => {
        span.fail(new Error('upstream said no'));
        return Promise.resolve();
      },
    );
    const processed = finished(`process ${TOPIC}`);
    expect(processed.links.map((link) => link.context.spanId)).toEqual([second.context.spanId]);
    expect(processed.attributes['messaging.batch.message_count']).toBe(2);
    expect(processed.status).toEqual({ code: SpanStatusCode.ERROR, message: 'upstream said no' });
  });

  it('records nothing and passes the headers through when tracing is off', async () => {
    markTracing(false);
    const stored = { 'message-id': 'm-2' };
    const send = startSendSpan({ topic: TOPIC, headers: stored });
    send.end();
    expect(send.headers).toEqual(stored);
    const active = await inProcessSpan(
      () => [{ topic: TOPIC, headers: stored }],
      'group',
      () => Promise.resolve(trace.getActiveSpan()),
    );
    expect(active).toBeUndefined();
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});
