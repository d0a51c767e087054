import { z } from 'zod';
import type { SyncRequested } from '../messages/message-schemas';
import { Topics } from '../messages/topics';

/** Every kind and state an Event can have: the Events log and its API filters share these. */
export const EVENT_TYPES = ['sync', 'hot-sync', 'callout'] as const;
export const EVENT_STATUSES = ['queued', 'succeeded', 'failed', 'skipped'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** The sync a request asked for, as an Event keeps it: the message data without its event id. */
export type RequestedSync = Omit<SyncRequested, 'eventId'>;

/**
 * What an Event was asked to do: the `sync.requested.v1` data that started it, or, for hot-sync
 * Events decided at login, who logged in (the claims themselves are not kept).
 */
export type EventRequest =
  | { topic: typeof Topics.syncRequested; data: RequestedSync }
  | {
      topic: typeof Topics.identityLogin;
      data: { issuer: string; subject: string; providerId?: string };
    }
  | { topic: string; data: Record<string, unknown> };

/** Where a dead-lettered message came from, why it failed, and its original bytes. */
export const deadLetterProvenanceSchema = z.object({
  topic: z.string(),
  partition: z.number(),
  offset: z.string(),
  timestamp: z
    .string()
    .nullable()
    .describe("The original message's Kafka timestamp (ms since the epoch), when known."),
  consumerGroup: z.string().nullable(),
  attempts: z.number().nullable(),
  exceptionClass: z.string().nullable(),
  error: z.string().nullable(),
  failedAt: z.string().nullable(),
  key: z.string().nullable(),
  value: z
    .string()
    .nullable()
    .describe('The original value: UTF-8 text, or base64 when it was not valid UTF-8.'),
  valueEncoding: z.enum(['utf8', 'base64']),
  headers: z
    .record(z.string(), z.string())
    .describe("The original message's own headers (the provenance headers are unpacked above)."),
  deadLetterTopic: z.string().describe('Where the record sits in the dead-letter topic.'),
  deadLetterPartition: z.number(),
  deadLetterOffset: z.string(),
});
export type DeadLetterProvenance = z.infer<typeof deadLetterProvenanceSchema>;

export function syncRequestOf(data: SyncRequested): EventRequest {
  const { eventId: _eventId, ...requested } = data;
  return { topic: Topics.syncRequested, data: requested };
}

/** Callouts and hot syncs are told apart in the Events log; every other trigger is a plain sync. */
export function eventTypeOfTrigger(trigger: SyncRequested['trigger']): EventType {
  if (trigger === 'callout') return 'callout';
  if (trigger === 'hot-sync') return 'hot-sync';
  return 'sync';
}

