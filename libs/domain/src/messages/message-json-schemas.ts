import { z } from 'zod';
import { envelopeSchema } from './envelope';
import { messageContracts } from './message-schemas';
import { envelopeType, type Topic } from './topics';

/** A JSON Schema document (draft-07, the dialect AsyncAPI 3's schemas build on). */
export type JsonSchema = Record<string, unknown>;

const ENVELOPE_DESCRIPTIONS = {
  id: 'Unique per message: consumers deduplicate on it.',
  type: 'The topic name without its version suffix.',
  version: 'The version of `data`, the same as the topic suffix.',
  occurredAt: 'When the producer created the message (ISO-8601 with an offset).',
  correlationId:
    'Ties a request to everything it caused; `sync.completed.v1` carries the one of its request.',
  source:
    'The producer: `gateway`, `hot-sync`, `zuora-sync`, `stripe-sync`, or an upstream system.',
} as const;

/**
 * The record value of a topic as JSON Schema: the envelope, with the topic's `type` and `data`.
 * Derived from the zod schemas that consumers validate with, so the two cannot drift. Objects stay
 * open (no `additionalProperties: false`): fields are added in place within a version.
 */
export function messageJsonSchema(topic: Topic): JsonSchema {
  const shape = envelopeSchema.shape;
  const value = z
    .object({
      id: shape.id.describe(ENVELOPE_DESCRIPTIONS.id),
      type: z.literal(envelopeType(topic)).describe(ENVELOPE_DESCRIPTIONS.type),
      version: shape.version.describe(ENVELOPE_DESCRIPTIONS.version),
      occurredAt: shape.occurredAt.describe(ENVELOPE_DESCRIPTIONS.occurredAt),
      correlationId: shape.correlationId.describe(ENVELOPE_DESCRIPTIONS.correlationId),
      source: shape.source.describe(ENVELOPE_DESCRIPTIONS.source),
      data: messageContracts[topic].data,
    })
    .describe(`A \`${topic}\` record value: the envelope, with this topic's \`data\`.`);
  const { $schema: dialect, ...schema } = toJsonSchema(value);
  return { $schema: dialect, title: topic, ...schema };
}

/** The record key of a topic as JSON Schema. */
export function messageKeyJsonSchema(topic: Topic): JsonSchema {
  const { $schema: _dialect, ...schema } = toJsonSchema(messageContracts[topic].keySchema);
  return schema;
}

function toJsonSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, {
    target: 'draft-7',
    // What a producer must send: a field the consumer trims or defaults is described as sent.
    io: 'input',
    override: ({ jsonSchema }) => {
      // zod names some checks as formats of its own (`starts_with`); the pattern beside says it.
      if (typeof jsonSchema.format === 'string' && !STANDARD_FORMATS.has(jsonSchema.format)) {
        delete jsonSchema.format;
      }
    },
  });
}

// draft-07's formats, and `uuid` (JSON Schema 2019-09's, known to every common validator).
const STANDARD_FORMATS: ReadonlySet<string> = new Set([
  'date-time',
  'date',
  'time',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'uri',
  'uri-reference',
  'uuid',
]);
