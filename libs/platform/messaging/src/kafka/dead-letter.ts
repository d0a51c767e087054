import type { IHeaders, KafkaMessage } from 'kafkajs';
import { type DeadLetterProvenance, deadLetterTopic } from '@subsync/domain';
import { describeError } from '../errors/message-errors';
import type { KafkaNamespace } from './kafka-namespace';

/** The provenance headers a dead-letter record carries, written and read back here alone. */
export const DLT_HEADERS = {
  topic: 'x-original-topic',
  partition: 'x-original-partition',
  offset: 'x-original-offset',
  timestamp: 'x-original-timestamp',
  consumerGroup: 'x-consumer-group',
  exceptionClass: 'x-exception-class',
  exceptionMessage: 'x-exception-message',
  attempts: 'x-attempts',
  failedAt: 'x-failed-at',
} as const;

export interface DeadLetterInput {
  topic: string;
  partition: number;
  message: KafkaMessage;
  consumerGroup: string;
  attempts: number;
  error: unknown;
  now: Date;
}

/**
 * The DLT record: the original bytes untouched, plus headers that say where it came from and why.
 * It goes to the namespace's dead-letter topic; the headers name the logical topic and group.
 */
export function deadLetterRecord(
  input: DeadLetterInput,
  namespace: KafkaNamespace,
): {
  topic: string;
  messages: { key: Buffer | string | null; value: Buffer | string | null; headers: IHeaders }[];
} {
  const { name, message } = describeError(input.error);
  return {
    topic: namespace.topic(deadLetterTopic(input.topic)),
    messages: [
      {
        key: input.message.key,
        value: input.message.value,
        headers: {
          ...input.message.headers,
          [DLT_HEADERS.topic]: input.topic,
          [DLT_HEADERS.partition]: String(input.partition),
          [DLT_HEADERS.offset]: input.message.offset,
          [DLT_HEADERS.timestamp]: input.message.timestamp,
          [DLT_HEADERS.consumerGroup]: input.consumerGroup,
          [DLT_HEADERS.exceptionClass]: name,
          [DLT_HEADERS.exceptionMessage]: message.slice(0, 2_000),
          [DLT_HEADERS.attempts]: String(input.attempts),
          [DLT_HEADERS.failedAt]: input.now.toISOString(),
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

const PROVENANCE_HEADERS: ReadonlySet<string> = new Set(Object.values(DLT_HEADERS));

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
  const originalPartition = Number(headers[DLT_HEADERS.partition]);
  const originalOffset = headers[DLT_HEADERS.offset];
  const attempts = Number(headers[DLT_HEADERS.attempts]);
  const failedAt = new Date(headers[DLT_HEADERS.failedAt] ?? '');
  const { value, valueEncoding } = decodeValue(message.value);
  return {
    topic: headers[DLT_HEADERS.topic] ?? deadLetterTopicName.replace(/\.dlt$/, ''),
    partition: Number.isInteger(originalPartition) ? originalPartition : partition,
    offset:
      originalOffset !== undefined && /^\d+$/.test(originalOffset)
        ? originalOffset
        : message.offset,
    timestamp: headers[DLT_HEADERS.timestamp] ?? null,
    consumerGroup: headers[DLT_HEADERS.consumerGroup] ?? null,
    attempts: Number.isInteger(attempts) && attempts > 0 ? attempts : null,
    exceptionClass: headers[DLT_HEADERS.exceptionClass] ?? null,
    error: headers[DLT_HEADERS.exceptionMessage] ?? null,
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
