/**
 * The headers on every record a subsync service publishes, named here alone. The envelope in the
 * value carries the same ids, so a record an upstream system publishes without them is still whole.
 */
export const MESSAGE_HEADERS = {
  messageId: 'message-id',
  correlationId: 'correlation-id',
  contentType: 'content-type',
} as const;

export const MESSAGE_CONTENT_TYPE = 'application/json';
