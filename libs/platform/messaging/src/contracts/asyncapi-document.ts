import {
  ALL_TOPICS,
  deadLetterTopic,
  messageJsonSchema,
  messageKeyJsonSchema,
  type JsonSchema,
  type Topic,
} from '@subsync/domain';
import { DLT_HEADERS } from '../kafka/dead-letter';
import { MESSAGE_CONTENT_TYPE, MESSAGE_HEADERS } from '../kafka/message-headers';
import { exampleEnvelope, MESSAGE_EXAMPLES } from './message-examples';
import { DEAD_LETTER_RECEIVER, TOPIC_PARTIES, type TopicParty } from './topic-parties';

const KAFKA_BINDING_VERSION = '0.5.0';

const MESSAGE_HEADER_DESCRIPTIONS: Record<keyof typeof MESSAGE_HEADERS, string> = {
  messageId: 'The envelope `id`.',
  correlationId: 'The envelope `correlationId`.',
  contentType: `Always \`${MESSAGE_CONTENT_TYPE}\`.`,
  traceparent:
    'W3C Trace Context `traceparent` of the span that sent the record, present when the publisher traces (OpenTelemetry, `OTEL_EXPORTER_OTLP_ENDPOINT`); consumers continue that trace. Upstream publishers may set it too.',
  tracestate: 'W3C Trace Context `tracestate` that goes with `traceparent`, when there is one.',
};

const DLT_HEADER_DESCRIPTIONS: Record<keyof typeof DLT_HEADERS, string> = {
  topic: 'The topic the record was read from, by its registry name (without `KAFKA_TOPIC_PREFIX`).',
  partition: 'Its partition there (decimal).',
  offset: 'Its offset there (decimal).',
  timestamp: 'Its Kafka timestamp there (milliseconds since the epoch, decimal).',
  consumerGroup: 'The consumer group that gave up on it (without `KAFKA_TOPIC_PREFIX`).',
  exceptionClass: 'The kind of error, e.g. `PermanentMessageError`.',
  exceptionMessage: 'What went wrong, in words (at most 2,000 characters).',
  attempts: 'How many times it was tried (decimal).',
  failedAt: 'When the consumer gave up (ISO-8601).',
};

/** A component name AsyncAPI accepts, from a topic: `sync.requested.v1` → `syncRequestedV1`. */
export function componentName(topic: string): string {
  return topic
    .split(/[^A-Za-z0-9]+/)
    .map((part, index) => (index === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1)))
    .join('');
}

/** Where the JSON Schema of a topic's record value is published, beside the document. */
export function messageSchemaFile(topic: Topic): string {
  return `schemas/${topic}.json`;
}

/**
 * The AsyncAPI 3 document of subsync's Kafka topics, generated from the topic registry: a
 * channel per topic and per dead-letter topic, an operation per service that sends or receives
 * one, and each message's headers, key and value (the envelope with the topic's `data`).
 */
export function asyncApiDocument(): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {
    messageHeaders: headersSchema(
      'Headers on every record a subsync service publishes; an upstream publisher may leave them out.',
      MESSAGE_HEADERS,
      MESSAGE_HEADER_DESCRIPTIONS,
      [],
    ),
    deadLetterHeaders: headersSchema(
      "Where a dead-lettered record came from and why it failed, added to the record's own headers.",
      DLT_HEADERS,
      DLT_HEADER_DESCRIPTIONS,
      Object.values(DLT_HEADERS),
    ),
  };
  const messages: Record<string, unknown> = {};
  let serial = 0;

  for (const topic of ALL_TOPICS) {
    const name = componentName(topic);
    const dltName = componentName(deadLetterTopic(topic));
    const parties = TOPIC_PARTIES[topic];
    const { $schema: _dialect, ...payload } = messageJsonSchema(topic);
    schemas[name] = payload;
    schemas[`${name}Key`] = messageKeyJsonSchema(topic);
    messages[name] = {
      name: topic,
      title: parties.title,
      summary: parties.description,
      contentType: MESSAGE_CONTENT_TYPE,
      headers: { $ref: '#/components/schemas/messageHeaders' },
      payload: { $ref: `#/components/schemas/${name}` },
      bindings: {
        kafka: {
          key: { $ref: `#/components/schemas/${name}Key` },
          bindingVersion: KAFKA_BINDING_VERSION,
        },
      },
      examples: MESSAGE_EXAMPLES[topic].map((example) => ({
        name: example.name,
        summary: example.summary,
        payload: exampleEnvelope(topic, example, serial++),
      })),
    };
    messages[dltName] = {
      name: deadLetterTopic(topic),
      title: `${parties.title}, dead-lettered`,
      summary: `A \`${topic}\` record a consumer could never process: its key, value and headers untouched, plus provenance headers.`,
      headers: { $ref: '#/components/schemas/deadLetterHeaders' },
      payload: {
        description: `The original record value, byte for byte: usually a \`${topic}\` message, but it may be anything (that may be why it is here).`,
      },
      bindings: {
        kafka: {
          key: {
            type: 'string',
            description: 'The original record key (absent when the original had none).',
          },
          bindingVersion: KAFKA_BINDING_VERSION,
        },
      },
    };

    channels[name] = channel(topic, parties.title, parties.description, name);
    channels[dltName] = channel(
      deadLetterTopic(topic),
      `${parties.title}, dead letters`,
      `Records of \`${topic}\` that a consumer gave up on (unparseable, invalid, without a key, or still failing after its retries). The consumer moves on; nothing is lost.`,
      dltName,
    );

    for (const sender of parties.senders) {
      operations[operationId(sender, 'send', name)] = operation('send', name, name, sender);
    }
    for (const receiver of parties.receivers) {
      operations[operationId(receiver, 'receive', name)] = operation(
        'receive',
        name,
        name,
        receiver,
      );
      operations[operationId(receiver, 'send', dltName)] = operation('send', dltName, dltName, {
        service: receiver.service,
        does: `Dead-letters a \`${topic}\` record it can never process, and moves on.`,
      });
    }
    operations[operationId(DEAD_LETTER_RECEIVER, 'receive', dltName)] = operation(
      'receive',
      dltName,
      dltName,
      DEAD_LETTER_RECEIVER,
    );
  }

  return {
    asyncapi: '3.1.0',
    info: {
      title: 'subsync Kafka topics',
      version: '1',
      description: [
        "The topics subsync's services talk over, and that upstream systems and downstream consumers may use too.",
        'Every record value is JSON in one envelope (`id`, `type`, `version`, `occurredAt`, `correlationId`, `source`, `data`); the version is in the topic name.',
        'Fields may be added to a version in place, as optional fields: read with open objects and ignore what you do not know.',
        'Delivery is at least once: deduplicate on the envelope `id`.',
        'Channel addresses are the registry names; a deployment with `KAFKA_TOPIC_PREFIX` set puts that prefix in front of each on the broker (`.dlt` topics too).',
        'Generated from the topic registry (`libs/domain/src/messages/`); each record value is also published as a JSON Schema file (`docs/asyncapi/schemas/<topic>.json`).',
      ].join('\n\n'),
      tags: Object.keys(SERVICES).map((service) => ({ name: service })),
    },
    defaultContentType: MESSAGE_CONTENT_TYPE,
    channels,
    operations,
    components: { schemas, messages },
  };
}

const SERVICES: Record<TopicParty['service'], true> = {
  gateway: true,
  'zuora-sync': true,
  'stripe-sync': true,
  'hot-sync': true,
};

function channel(address: string, title: string, description: string, message: string) {
  return {
    address,
    title,
    description,
    messages: { [message]: { $ref: `#/components/messages/${message}` } },
    bindings: { kafka: { topic: address, bindingVersion: KAFKA_BINDING_VERSION } },
  };
}

function operationId(party: TopicParty, action: 'send' | 'receive', channelName: string): string {
  return componentName(`${party.service}-${action}-${channelName}`);
}

function operation(
  action: 'send' | 'receive',
  channelName: string,
  message: string,
  party: TopicParty,
) {
  return {
    action,
    channel: { $ref: `#/channels/${channelName}` },
    summary: `${party.service}: ${party.does}`,
    messages: [{ $ref: `#/channels/${channelName}/messages/${message}` }],
    tags: [{ name: party.service }],
  };
}

function headersSchema<K extends string>(
  description: string,
  names: Record<K, string>,
  descriptions: Record<K, string>,
  required: readonly string[],
): JsonSchema {
  const keys = Object.keys(names) as K[];
  return {
    type: 'object',
    description,
    properties: Object.fromEntries(
      keys.map((key) => [names[key], { type: 'string', description: descriptions[key] }]),
    ),
    ...(required.length > 0 ? { required: [...required] } : {}),
  };
}

/** Where the published contracts are checked in, from the repository root. */
export const PUBLISHED_CONTRACTS_DIRECTORY = 'docs/asyncapi';

/**
 * Every file of the published contracts, by path under {@link PUBLISHED_CONTRACTS_DIRECTORY}:
 * the AsyncAPI document and the JSON Schema of each topic's record value.
 */
export function publishedContractFiles(): Record<string, unknown> {
  return {
    'asyncapi.json': asyncApiDocument(),
    ...Object.fromEntries(
      ALL_TOPICS.map((topic) => [messageSchemaFile(topic), messageJsonSchema(topic)]),
    ),
  };
}
