import { z } from 'zod';
import { envelopeSchema, type Envelope } from './envelope';
import { PROVIDERS } from '../providers/provider-registry';
import { envelopeType, Topics, type Topic } from './topics';

export const providerSchema = z.enum(PROVIDERS);

export const triggerSchema = z.enum([
  'api',
  'callout',
  'ui',
  'hot-sync',
  'upstream',
  'backfill',
  'reconcile',
]);
export type SyncTrigger = z.infer<typeof triggerSchema>;

/**
 * Triggers of syncs nobody is waiting for (a backfill, the reconcile sweep): their requests go
 * after everyone else's, in the consumer's queue and for the upstream's request slots.
 */
export function isBackgroundTrigger(trigger: SyncTrigger): boolean {
  return trigger === 'backfill' || trigger === 'reconcile';
}

export const fieldChangeSchema = z.object({
  field: z.string().describe('The field of the platform record, e.g. `termEnd` or `schedule`.'),
  before: z.unknown().describe('Its value before the sync (any JSON).'),
  after: z.unknown().describe('Its value after the sync (any JSON).'),
});

/**
 * An id or name: no control characters (a NUL, say), which no upstream id holds and PostgreSQL
 * refuses. A pattern rather than a refinement, so the published JSON Schema carries the rule too;
 * the range is Unicode's Cc category, spelled out for validators without `\p{…}`.
 */
const idText = z
  .string()
  .trim()
  .min(1)
  .max(255)
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  .regex(/^[^\u0000-\u001f\u007f-\u009f]*$/, { message: 'must not contain control characters' });

const calloutValue = idText;

/** What a Zuora callout said about the change, for zuora-sync to tell platform-made orders apart. */
export const calloutContextSchema = z
  .object({
    notificationId: calloutValue
      .describe('`Zuora-Notification-Id`: the same on every retry of one notification.')
      .optional(),
    subscriptionNumber: calloutValue.optional(),
    orderNumber: calloutValue.optional(),
    orderActionType: calloutValue.optional(),
    source: calloutValue
      .describe('Who placed the order; `shop` or `salesforce` mark the platform itself.')
      .optional(),
    createdById: calloutValue.describe('The Zuora user who created the order.').optional(),
  })
  .describe(
    'What a Zuora callout said, so that zuora-sync can skip an order the platform started itself (loop prevention). Added in place: optional, so still v1.',
  );
export type CalloutContext = z.infer<typeof calloutContextSchema>;

export const syncRequestedSchema = z.object({
  provider: providerSchema,
  scope: z
    .enum(['subscription', 'account'])
    .describe('`account`: every subscription of the Zuora account named by `ref`.'),
  ref: idText.describe(
    'A platform subscription id (`sub-…`), a subscription reference, a Zuora subscription number or id, a Stripe subscription id, or (scope `account`) a Zuora account id or number.',
  ),
  trigger: triggerSchema.describe(
    'What asked for it: the API, a Zuora callout, the operator console, a login (hot sync), an upstream system, a backfill job, or the reconcile sweep (`backfill` and `reconcile` added in place, so still v1).',
  ),
  eventId: z
    .string()
    .startsWith('event-')
    .describe('The Event that records this request, when the sender created one.')
    .optional(),
  callout: calloutContextSchema.optional(),
});
export type SyncRequested = z.infer<typeof syncRequestedSchema>;

export const identityLoginSchema = z.object({
  issuer: idText.describe('`iss` of the verified ID token.'),
  subject: idText.describe('`sub` of the verified ID token.'),
  claims: z
    .record(z.string(), z.unknown())
    .describe("The token's claims, which name the customer's Zuora account."),
  providerId: z
    .string()
    .describe('The authentication provider (settings) that verified the token.')
    .optional(),
});
export type IdentityLogin = z.infer<typeof identityLoginSchema>;

export const syncCompletedSchema = z.object({
  provider: providerSchema,
  ref: z.string().describe('The `ref` of the request.'),
  status: z.enum(['succeeded', 'failed', 'skipped']),
  subscriptionId: z.string().nullable().describe('The platform subscription, when there is one.'),
  ownerId: z.string().nullable().describe('The owner identity (`id-…`) of that subscription.'),
  eventId: z.string().describe('The Event that records this sync.'),
  changes: z.array(fieldChangeSchema),
  error: z
    .object({ code: z.string(), message: z.string() })
    .describe('Why it failed, with a stable code.')
    .optional(),
  reason: z
    .string()
    .describe(
      'Why the sync was skipped or failed, in words. Added in place: optional, so still v1.',
    )
    .optional(),
  coalescedInto: z
    .string()
    .describe(
      "For a request answered by another request's sync: the Event that did the work. Added in place: optional, so still v1.",
    )
    .optional(),
});
export type SyncCompleted = z.infer<typeof syncCompletedSchema>;

const providerKey = new RegExp(`^(${providerSchema.options.join('|')}):.+$`);

/**
 * Value schema, key rule and key schema of every topic. The key schema describes the key rule
 * for readers of the published contract (and lets the e2e suites check real keys).
 */
export const messageContracts = {
  [Topics.syncRequested]: {
    data: syncRequestedSchema,
    key: (d: SyncRequested) => `${d.provider}:${d.ref}`,
    keySchema: z
      .string()
      .regex(providerKey)
      .describe('`<provider>:<ref>`, so that requests for one subscription stay in order.'),
  },
  [Topics.identityLogin]: {
    data: identityLoginSchema,
    key: (d: IdentityLogin) => `${d.issuer}:${d.subject}`,
    keySchema: z
      .string()
      .regex(/^.+:.+$/)
      .describe("`<issuer>:<subject>`, so that one customer's logins stay in order."),
  },
  [Topics.syncCompleted]: {
    data: syncCompletedSchema,
    key: (d: SyncCompleted) => d.subscriptionId ?? `${d.provider}:${d.ref}`,
    keySchema: z
      .string()
      .regex(new RegExp(`^sub-[0-9a-f]{32}$|${providerKey.source}`))
      .describe(
        'The platform subscription id, or `<provider>:<ref>` when the sync found none, so that outcomes for one subscription stay in order.',
      ),
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
