import {
  type Attributes,
  context,
  type Link,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { CORRELATION_ID_ATTRIBUTE, traceContextFrom, traceHeaders } from './trace-headers';
import { isTracing } from './tracing-state';

const TRACER_NAME = 'subsync-messaging';

/** A record as published, or as received: where, which message, and its headers. */
export interface TracedRecord {
  /** The topic on the broker (with any KAFKA_TOPIC_PREFIX). */
  topic: string;
  headers: Readonly<Record<string, string>>;
  messageId?: string;
  correlationId?: string;
  key?: string;
  partition?: number;
  offset?: string;
}

/** The span of a send: the headers to publish with, and how to end it. */
export interface SendSpan {
  /** The record's headers with the trace context of this send in place of the stored one. */
  headers: Readonly<Record<string, string>>;
  end(error?: unknown): void;
}

/**
 * Starts a producer span for a record the outbox relay publishes, as a child of the trace
 * context stored with the record when it was written (the request or message that caused it),
 * and hands back the headers that carry the send's own context to the consumer.
 */
export function startSendSpan(record: TracedRecord): SendSpan {
  if (!isTracing()) return { headers: record.headers, end: noop };
  const span = trace
    .getTracer(TRACER_NAME)
    .startSpan(
      `send ${record.topic}`,
      { kind: SpanKind.PRODUCER, attributes: messageAttributes('send', record) },
      traceContextFrom(record.headers),
    );
  return {
    headers: { ...record.headers, ...traceHeaders(trace.setSpan(context.active(), span)) },
    end: (error?: unknown) => finish(span, error),
  };
}

/** What a consumer may say about the work of its span once it has run. */
export interface ProcessSpan {
  fail(error: unknown): void;
}

/**
 * Runs `work` in a consumer span for records handled together: the child of the first record's
 * trace context, with links to the others', so the handler's queries, upstream calls and the
 * messages it writes join the trace that caused them.
 */
export async function inProcessSpan<T>(
  /** Called only when tracing is on, so an untraced consumer builds nothing per call. */
  tracedRecords: () => readonly TracedRecord[],
  consumerGroup: string,
  work: (span: ProcessSpan) => Promise<T>,
): Promise<T> {
  if (!isTracing()) return work(NO_PROCESS_SPAN);
  const records = tracedRecords();
  const first = records[0];
  if (first === undefined) return work(NO_PROCESS_SPAN);
  const links: Link[] = records.slice(1).flatMap((record) => {
    const linked = trace.getSpanContext(traceContextFrom(record.headers));
    return linked === undefined ? [] : [{ context: linked }];
  });
  const span = trace.getTracer(TRACER_NAME).startSpan(
    `process ${first.topic}`,
    {
      kind: SpanKind.CONSUMER,
      links,
      attributes: {
        ...messageAttributes('process', first),
        'messaging.consumer.group.name': consumerGroup,
        ...(records.length > 1 ? { 'messaging.batch.message_count': records.length } : {}),
      },
    },
    traceContextFrom(first.headers),
  );
  let failure: { error: unknown } | undefined;
  try {
    return await context.with(trace.setSpan(context.active(), span), () =>
      work({ fail: (error) => (failure = { error }) }),
    );
  } catch (error) {
    failure = { error };
    throw error;
  } finally {
    finish(span, failure?.error);
  }
}

function messageAttributes(operation: 'send' | 'process', record: TracedRecord): Attributes {
  return {
    'messaging.system': 'kafka',
    'messaging.operation.type': operation,
    'messaging.operation.name': operation,
    'messaging.destination.name': record.topic,
    ...(record.messageId === undefined ? {} : { 'messaging.message.id': record.messageId }),
    ...(record.key === undefined ? {} : { 'messaging.kafka.message.key': record.key }),
    ...(record.partition === undefined
      ? {}
      : { 'messaging.destination.partition.id': String(record.partition) }),
    ...(record.offset === undefined ? {} : { 'messaging.kafka.offset': Number(record.offset) }),
    ...(record.correlationId === undefined
      ? {}
      : { [CORRELATION_ID_ATTRIBUTE]: record.correlationId }),
  };
}

function finish(span: Span, error: unknown): void {
  if (error !== undefined) {
    if (error instanceof Error) span.recordException(error);
    span.setStatus({
      code: SpanStatusCode.ERROR,
      message: error instanceof Error ? error.message : JSON.stringify(error),
    });
  }
  span.end();
}

function noop(): void {}

const NO_PROCESS_SPAN: ProcessSpan = { fail: noop };
