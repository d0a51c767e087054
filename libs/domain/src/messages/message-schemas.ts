import { z } from 'zod';
import { envelopeSchema, type Envelope } from './envelope';
import { envelopeType, Topics, type Topic } from './topics';

export const providerSchema = z.enum(['zuora', 'stripe']);
export type Provider = z.infer<typeof providerSchema>;

export const triggerSchema = z.enum(['api', 'callout', 'ui', 'hot-sync', 'upstream']);
export type SyncTrigger = z.infer<typeof triggerSchema>;

export const fieldChangeSchema = z.object({
  field: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

/** An id or name: no control characters (a NUL, say), which no upstream id holds and PostgreSQL refuses. */
const idText = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .refine((value) => !/\p{Cc}/u.test(value), { message: 'must not contain control characters' });

const calloutValue = idText;

/** What a Zuora callout said about the change, for zuora-sync to tell platform-made orders apart. */
export const calloutContextSchema = z.object({
  /** `Zuora-Notification-Id`: the same on every retry of one notification. */
  notificationId: calloutValue.optional(),
  subscriptionNumber: calloutValue.optional(),
  orderNumber: calloutValue.optional(),
  orderActionType: calloutValue.optional(),
  source: calloutValue.optional(),
  createdById: calloutValue.optional(),
});
export type CalloutContext = z.infer<typeof calloutContextSchema>;

export const syncRequestedSchema = z.object({
  provider: providerSchema,
  scope: z.enum(['subscription', 'account']),
  ref: idText,
  trigger: triggerSchema,
  eventId: z.string().startsWith('event-').optional(),
  /** Present when a Zuora callout asked for the sync (added in place: optional, so still v1). */
  callout: calloutContextSchema.optional(),
});
export type SyncRequested = z.infer<typeof syncRequestedSchema>;

export const identityLoginSchema = z.object({
  issuer: idText,
  subject: idText,
  claims: z.record(z.string(), z.unknown()),
  providerId: z.string().optional(),
});
export type IdentityLogin = z.infer<typeof identityLoginSchema>;

export const syncCompletedSchema = z.object({
  provider: providerSchema,
  ref: z.string(),
  status: z.enum(['succeeded', 'failed', 'skipped']),
  subscriptionId: z.string().nullable(),
  ownerId: z.string().nullable(),
  eventId: z.string(),
  changes: z.array(fieldChangeSchema),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  /** Why the sync was skipped or failed, in words (added in place: optional, so still v1). */
  reason: z.string().optional(),
  /** For a request answered by another request's sync: the Event that did the work. */
  coalescedInto: z.string().optional(),
});
export type SyncCompleted = z.infer<typeof syncCompletedSchema>;

/** Value schema and key rule of every topic. */
export const messageContracts = {
  [Topics.syncRequested]: {
    data: syncRequestedSchema,
    key: (d: SyncRequested) => `${d.provider}:${d.ref}`,
  },
  [Topics.identityLogin]: {
    data: identityLoginSchema,
    key: (d: IdentityLogin) => `${d.issuer}:${d.subject}`,
  },
  [Topics.syncCompleted]: {
    data: syncCompletedSchema,
    key: (d: SyncCompleted) => d.subscriptionId ?? `${d.provider}:${d.ref}`,
  },
} as const;

export interface TopicData {
  [Topics.syncRequested]: SyncRequested;
  [Topics.identityLogin]: IdentityLogin;
  [Topics.syncCompleted]: SyncCompleted;
}

export function messageKey<T extends Topic>(topic: T, data: TopicData[T]): string {
  const contract = messageContracts[topic] as unknown as { key: (d: TopicData[T]) => string };
  return contract.key(data);
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Parses and validates a raw message value against its topic's contract. */
export function parseMessage<T extends Topic>(
  topic: T,
  raw: string | null,
): ParseResult<Envelope<TopicData[T]>> {
  if (raw === null || raw.length === 0) return { ok: false, error: 'message has no value' };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    return { ok: false, error: `value is not JSON: ${(e as Error).message}` };
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success)
    return { ok: false, error: `invalid envelope: ${formatIssues(envelope.error)}` };
  if (envelope.data.type !== envelopeType(topic)) {
    return {
      ok: false,
      error: `envelope type '${envelope.data.type}' does not belong on topic ${topic}`,
    };
  }
  const data = messageContracts[topic].data.safeParse(envelope.data.data);
  if (!data.success) return { ok: false, error: `invalid data: ${formatIssues(data.error)}` };
  return { ok: true, value: { ...envelope.data, data: data.data as TopicData[T] } };
}

function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
