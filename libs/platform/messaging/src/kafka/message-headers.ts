/**
 * The headers on every record a subsync service publishes, named here alone. The envelope in the
 * value carries the same ids, so a record an upstream system publishes without them is still whole.
 */
export const MESSAGE_HEADERS = {
  messageId: 'message-id',
  correlationId: 'correlation-id',
  contentType: 'content-type',
  /** W3C trace context of the send, when the publisher traces (OTEL_EXPORTER_OTLP_ENDPOINT). */
  traceparent: 'traceparent',
  tracestate: 'tracestate',
} as const;

export const MESSAGE_CONTENT_TYPE = 'application/json';
