import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** The checked-in contracts (`npm run asyncapi` writes them). */
export const PUBLISHED_CONTRACTS = resolve(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  '..',
  'docs',
  'asyncapi',
);

/** A record as a producer publishes it: the outbox row, or a Kafka record read back. */
export interface PublishedRecord {
  topic: string;
  key: string | null;
  /** The record value as it goes on the wire (JSON text). */
  value: string;
  headers: Record<string, string>;
}

type Json = Record<string, unknown>;

interface TopicValidators {
  value: ValidateFunction;
  key: ValidateFunction;
  headers: ValidateFunction;
}

/**
 * Checks records against the published contracts as a consumer would read them: the value against
 * the topic's JSON Schema file, the key and headers against the AsyncAPI document. Objects are
 * checked closed, so a field a producer sends but the contract does not name is caught too (the
 * published schemas stay open, for fields added later).
 */
export class PublishedMessageValidator {
  private readonly topics = new Map<string, TopicValidators>();

  constructor(directory: string = PUBLISHED_CONTRACTS) {
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats(ajv);
    const document = readJson(join(directory, 'asyncapi.json'));
    for (const channel of Object.values(document['channels'] as Record<string, Json>)) {
      const address = channel['address'] as string;
      if (address.endsWith('.dlt')) continue;
      const [messageRef] = Object.values(channel['messages'] as Record<string, Json>);
      const message = resolveRef(document, messageRef);
      const kafka = (message['bindings'] as Record<string, Json>)['kafka'] as Json;
      this.topics.set(address, {
        value: ajv.compile(closed(readJson(join(directory, 'schemas', `${address}.json`)))),
        key: ajv.compile(resolveRef(document, kafka['key'] as Json)),
        headers: ajv.compile(closed(resolveRef(document, message['headers'] as Json))),
      });
    }
  }

  /** The topics the contracts describe. */
  get topicNames(): string[] {
    return [...this.topics.keys()];
  }

  /** Why the record breaks its topic's contract, or `[]` when it keeps it. */
  problems(record: PublishedRecord): string[] {
    const validators = this.topics.get(record.topic);
    if (validators === undefined) return [`topic ${record.topic} is not in the contracts`];
    let value: unknown;
    try {
      value = JSON.parse(record.value);
    } catch {
      return ['value is not JSON'];
    }
    return [
      ...errorsOf('value', validators.value, value),
      ...errorsOf('key', validators.key, record.key),
      ...errorsOf('headers', validators.headers, record.headers),
    ];
  }
}

function errorsOf(part: string, validate: ValidateFunction, data: unknown): string[] {
  if (validate(data)) return [];
  return (validate.errors ?? []).map(
    (error) =>
      `${part}${error.instancePath} ${error.message ?? 'is invalid'}${
        error.keyword === 'additionalProperties'
          ? ` (${String((error.params as { additionalProperty?: unknown }).additionalProperty)})`
          : ''
      }`,
  );
}

function readJson(file: string): Json {
  return JSON.parse(readFileSync(file, 'utf8')) as Json;
}

/** Follows a local `$ref` (`#/components/…`) of the AsyncAPI document. */
function resolveRef(document: Json, node: Json | undefined): Json {
  const ref = node?.['$ref'];
  if (typeof ref !== 'string') return node ?? {};
  const target = ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((at, part) => (at as Json | undefined)?.[part], document);
  if (target === undefined) throw new Error(`asyncapi.json: ${ref} points nowhere`);
  return resolveRef(document, target as Json);
}

/** The schema with every object that lists its properties closed to others. */
function closed(schema: Json): Json {
  return closeNode(schema) as Json;
}

function closeNode(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeNode);
  if (schema === null || typeof schema !== 'object') return schema;
  const copy: Json = Object.fromEntries(
    Object.entries(schema).map(([name, value]) => [name, closeNode(value)]),
  );
  if (typeof copy['properties'] === 'object' && !('additionalProperties' in copy)) {
    copy['additionalProperties'] = false;
  }
  return copy;
}
