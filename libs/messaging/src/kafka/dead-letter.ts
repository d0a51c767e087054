import type { IHeaders, KafkaMessage } from 'kafkajs';
import { deadLetterTopic } from '@subsync/domain';
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
