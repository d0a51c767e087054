import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Parser } from '@asyncapi/parser';
import {
  ALL_TOPICS,
  createEnvelope,
  deadLetterTopic,
  messageKey,
  parseMessage,
  Topics,
  type SyncRequested,
} from '@subsync/domain';
import { PUBLISHED_CONTRACTS, PublishedMessageValidator } from '@subsync/testkit/contracts';
import { asyncApiDocument, publishedContractFiles } from './asyncapi-document';
import { exampleEnvelope, MESSAGE_EXAMPLES } from './message-examples';

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(directory, join(entry.parentPath, entry.name)))
    .sort();
}

describe('the published Kafka contracts (docs/asyncapi)', () => {
  it('are checked in as generated from the topic registry (else run `npm run asyncapi`)', () => {
    const generated = publishedContractFiles();
    expect(filesUnder(PUBLISHED_CONTRACTS)).toEqual(Object.keys(generated).sort());
    for (const [path, content] of Object.entries(generated)) {
      const checkedIn: unknown = JSON.parse(readFileSync(join(PUBLISHED_CONTRACTS, path), 'utf8'));
      expect({ path, content: checkedIn }).toEqual({ path, content });
    }
  });

  it('is a valid AsyncAPI document, without a warning, for the official parser', async () => {
    const diagnostics = await new Parser().validate(JSON.stringify(asyncApiDocument()));
    expect(diagnostics.map((d) => `${d.code}: ${d.message} at ${d.path.join('.')}`)).toEqual([]);
  });

  it('would be refused by the parser if an operation named a message its channel lacks', async () => {
    const document = asyncApiDocument() as { operations: Record<string, { messages: unknown }> };
    const [first] = Object.values(document.operations);
    first!.messages = [{ $ref: '#/channels/syncCompletedV1/messages/identityLoginV1' }];
    const diagnostics = await new Parser().validate(JSON.stringify(document));
    expect(diagnostics.map((d) => d.code)).toContain(
      'asyncapi3-operation-messages-from-referred-channel',
    );
  });

  it('has a channel for every topic and its dead-letter topic, each sent and received', () => {
    const document = asyncApiDocument() as {
      channels: Record<string, { address: string }>;
      operations: Record<string, { action: string; channel: { $ref: string } }>;
    };
    const actions = (address: string) => {
      const [name] = Object.entries(document.channels).find(([, c]) => c.address === address)!;
      return new Set(
        Object.values(document.operations)
          .filter((operation) => operation.channel.$ref === `#/channels/${name}`)
          .map((operation) => operation.action),
      );
    };
    for (const topic of ALL_TOPICS) {
      expect({ topic, actions: actions(topic) }).toEqual({
        topic,
        actions: new Set(['send', 'receive']),
      });
      expect({ topic: deadLetterTopic(topic), actions: actions(deadLetterTopic(topic)) }).toEqual({
        topic: deadLetterTopic(topic),
        actions: new Set(['send', 'receive']),
      });
    }
  });
});

describe('the published JSON Schemas and the schemas consumers validate with', () => {
  const validator = new PublishedMessageValidator();
  const now = new Date('2026-11-20T10:00:00Z');
  const request = createEnvelope<SyncRequested>({
    topic: Topics.syncRequested,
    source: 'gateway',
    now,
    data: { provider: 'stripe', scope: 'subscription', ref: 'sub_1Q2w3E', trigger: 'ui' },
  });
  const recordOf = (value: unknown, key = 'stripe:sub_1Q2w3E') => ({
    topic: Topics.syncRequested,
    key,
    value: JSON.stringify(value),
    headers: { 'message-id': request.id, 'content-type': 'application/json' },
  });

  it('describe every topic of the registry', () => {
    expect(validator.topicNames.sort()).toEqual([...ALL_TOPICS].sort());
  });

  it.each(
    ALL_TOPICS.flatMap((topic) =>
      MESSAGE_EXAMPLES[topic].map((example, index) => ({ topic, example, index })),
    ),
  )('both accept the example $topic $example.name', ({ topic, example, index }) => {
    const envelope = exampleEnvelope(topic, example, index);
    const record = {
      topic,
      key: messageKey(topic, envelope.data as never),
      value: JSON.stringify(envelope),
      headers: { 'message-id': envelope.id, 'correlation-id': envelope.correlationId },
    };
    expect(validator.problems(record)).toEqual([]);
    expect(parseMessage(topic, record.value).ok).toBe(true);
  });

  it('both accept a message made by createEnvelope and keyed by messageKey', () => {
    expect(
      validator.problems(recordOf(request, messageKey(Topics.syncRequested, request.data))),
    ).toEqual([]);
  });

  it.each([
    ['no envelope', { provider: 'stripe' }, "value must have required property 'id'"],
    [
      'the wrong type',
      { ...request, type: 'sync.completed' },
      'value/type must be equal to constant',
    ],
    [
      'an unknown provider',
      { ...request, data: { ...request.data, provider: 'chargebee' } },
      'value/data/provider',
    ],
    [
      'a NUL in the ref',
      { ...request, data: { ...request.data, ref: 'sub_\u00001' } },
      'value/data/ref must match pattern',
    ],
    [
      'an empty callout value',
      { ...request, data: { ...request.data, callout: { orderNumber: '' } } },
      'value/data/callout/orderNumber',
    ],
    [
      'a field the contract does not name',
      { ...request, data: { ...request.data, priority: 'high' } },
      '(priority)',
    ],
  ])('both refuse %s', (_case, value, problem) => {
    expect(validator.problems(recordOf(value)).join('; ')).toContain(problem);
    // The consumer's zod schema ignores unknown fields (they may be added within a version).
    if (problem !== '(priority)')
      expect(parseMessage(Topics.syncRequested, JSON.stringify(value)).ok).toBe(false);
  });

  it('refuses a key that does not follow the topic key rule', () => {
    expect(validator.problems(recordOf(request, 'sub_1Q2w3E'))).toEqual([
      'key must match pattern "^(zuora|stripe):.+$"',
    ]);
  });
});
