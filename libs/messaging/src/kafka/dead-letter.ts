import type { IHeaders, KafkaMessage } from 'kafkajs';
import { type DeadLetterProvenance, deadLetterTopic } from '@subsync/domain';
import { describeError } from '../errors/message-errors';

export interface DeadLetterInput {
  topic: string;
  partition: number;
  message: KafkaMessage;
  consumerGroup: string;
  attempts: number;
  error: unknown;
  now: Date;
}

/** The DLT record: the original bytes untouched, plus headers that say where it came from and why. */
export function deadLetterRecord(input: DeadLetterInput): {
  topic: string;
  messages: { key: Buffer | string | null; value: Buffer | string | null; headers: IHeaders }[];
} {
  const { name, message } = describeError(input.error);
  return {
    topic: deadLetterTopic(input.topic),
    messages: [
      {
        key: input.message.key,
        value: input.message.value,
        headers: {
          ...input.message.headers,
          'x-original-topic': input.topic,
          'x-original-partition': String(input.partition),
          'x-original-offset': input.message.offset,
          'x-original-timestamp': input.message.timestamp,
          'x-consumer-group': input.consumerGroup,
          'x-exception-class': name,
          'x-exception-message': message.slice(0, 2_000),
          'x-attempts': String(input.attempts),
          'x-failed-at': input.now.toISOString(),
        },
      },
    ],
  };
}

export function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) result[name] = first.toString();
  }
  return result;
}

const PROVENANCE_HEADERS = new Set([
  'x-original-topic',
  'x-original-partition',
  'x-original-offset',
  'x-original-timestamp',
  'x-consumer-group',
  'x-exception-class',
  'x-exception-message',
  'x-attempts',
  'x-failed-at',
]);

/**
 * Reads a dead-letter record back: where the message came from (falling back to the record's own
 * position when the provenance headers are missing), why it failed, and its original bytes.
 */
export function readDeadLetter(
  deadLetterTopicName: string,
  partition: number,
  message: KafkaMessage,
): DeadLetterProvenance {
  const headers = headersToStrings(message.headers);
  const own: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!PROVENANCE_HEADERS.has(name)) own[name] = value;
  }
  const originalPartition = Number(headers['x-original-partition']);
  const originalOffset = headers['x-original-offset'];
  const attempts = Number(headers['x-attempts']);
  const failedAt = new Date(headers['x-failed-at'] ?? '');
  const { value, valueEncoding } = decodeValue(message.value);
  return {
    topic: headers['x-original-topic'] ?? deadLetterTopicName.replace(/\.dlt$/, ''),
    partition: Number.isInteger(originalPartition) ? originalPartition : partition,
    offset:
      originalOffset !== undefined && /^\d+$/.test(originalOffset)
        ? originalOffset
        : message.offset,
    timestamp: headers['x-original-timestamp'] ?? null,
    consumerGroup: headers['x-consumer-group'] ?? null,
    attempts: Number.isInteger(attempts) && attempts > 0 ? attempts : null,
    exceptionClass: headers['x-exception-class'] ?? null,
    error: headers['x-exception-message'] ?? null,
    failedAt: Number.isNaN(failedAt.getTime()) ? null : failedAt.toISOString(),
    key: message.key?.toString('utf8') ?? null,
    value,
    valueEncoding,
    headers: own,
    deadLetterTopic: deadLetterTopicName,
    deadLetterPartition: partition,
    deadLetterOffset: message.offset,
  };
}

function decodeValue(value: Buffer | null): Pick<DeadLetterProvenance, 'value' | 'valueEncoding'> {
  if (value === null) return { value: null, valueEncoding: 'utf8' };
  try {
    return {
      value: new TextDecoder('utf-8', { fatal: true }).decode(value),
      valueEncoding: 'utf8',
    };
  } catch {
    return { value: value.toString('base64'), valueEncoding: 'base64' };
  }
}
