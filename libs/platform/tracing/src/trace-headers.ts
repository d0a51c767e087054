import { context, type Context, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { isTracing } from './tracing-state';

/** The span attribute that carries subsync's correlation id (the envelope's `correlationId`). */
export const CORRELATION_ID_ATTRIBUTE = 'subsync.correlation_id';

/**
 * The W3C trace context (`traceparent`, and `tracestate` when there is one) of `from`, the
 * active context by default, as message headers: empty when tracing is off or no span is active.
 */
export function traceHeaders(from: Context = context.active()): Record<string, string> {
  const headers: Record<string, string> = {};
  if (isTracing()) propagation.inject(from, headers);
  return headers;
}

/** The remote span context carried by message headers, or the root context when none is. */
export function traceContextFrom(headers: Readonly<Record<string, string>>): Context {
  return isTracing() ? propagation.extract(ROOT_CONTEXT, headers) : ROOT_CONTEXT;
}

/** Puts the correlation id on the active span (an HTTP request's, or a consumer's). */
export function markCorrelationId(correlationId: string): void {
  if (!isTracing()) return;
  trace.getActiveSpan()?.setAttribute(CORRELATION_ID_ATTRIBUTE, correlationId);
}
