import { z } from 'zod';
import { envelopeType, type Topic } from './topics';

export const envelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().min(1),
  version: z.literal(1),
  occurredAt: z.iso.datetime({ offset: true }),
  correlationId: z.uuid(),
  source: z.string().min(1),
  data: z.unknown(),
});

export interface Envelope<TData> {
  id: string;
  type: string;
  version: 1;
  occurredAt: string;
  correlationId: string;
  source: string;
  data: TData;
}

export interface NewEnvelope<TData> {
  topic: Topic;
  data: TData;
  source: string;
  correlationId?: string;
  now: Date;
}

export function createEnvelope<TData>(input: NewEnvelope<TData>): Envelope<TData> {
  return {
    id: globalThis.crypto.randomUUID(),
    type: envelopeType(input.topic),
    version: 1,
    occurredAt: input.now.toISOString(),
    correlationId: input.correlationId ?? globalThis.crypto.randomUUID(),
    source: input.source,
    data: input.data,
  };
}
