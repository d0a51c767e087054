import { z } from 'zod';

// What a backfill imports. Each provider lists in its own way, so each has its own filter; an
// empty filter means every subscription.

const instant = z.iso
  .datetime({ offset: true, message: 'must be an ISO-8601 instant, e.g. 2025-01-31T00:00:00Z' })
  .transform((value) => new Date(value).toISOString());

const idList = (what: string) =>
  z
    .array(
      z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9_-]{1,64}$/, { message: `must be ${what}` }),
    )
    .min(1)
    .max(100);

export const zuoraBackfillFilterSchema = z
  .strictObject({
    updatedSince: instant
      .describe('Only subscriptions updated at or after this instant (Zuora `updatedDate`).')
      .optional(),
    accounts: idList('a Zuora account id (32 hex digits)')
      .describe('Only subscriptions of these Zuora account ids.')
      .optional(),
  })
  .describe('Zuora: every subscription (latest versions), or those updated since, or of accounts.');
export type ZuoraBackfillFilter = z.infer<typeof zuoraBackfillFilterSchema>;

export const stripeBackfillFilterSchema = z
  .strictObject({
    createdFrom: instant
      .describe('Only subscriptions created at or after this instant.')
      .optional(),
    createdTo: instant.describe('Only subscriptions created before this instant.').optional(),
    customers: idList('a Stripe customer id (cus_…)')
      .describe('Only subscriptions of these customers.')
      .optional(),
  })
  .refine(
    (filter) =>
      filter.createdFrom === undefined ||
      filter.createdTo === undefined ||
      filter.createdFrom < filter.createdTo,
    { message: 'createdFrom must be before createdTo', path: ['createdTo'] },
  )
  .describe(
    'Stripe: every subscription (any status), or those created in a range, or of customers.',
  );
export type StripeBackfillFilter = z.infer<typeof stripeBackfillFilterSchema>;

export const backfillRequestSchema = z.discriminatedUnion('provider', [
  z.strictObject({ provider: z.literal('zuora'), filter: zuoraBackfillFilterSchema.default({}) }),
  z.strictObject({ provider: z.literal('stripe'), filter: stripeBackfillFilterSchema.default({}) }),
]);
export type BackfillRequest = z.infer<typeof backfillRequestSchema>;
export type BackfillFilter = BackfillRequest['filter'];

/** A request body checked, or every problem in one line naming the fields. */
export function parseBackfillRequest(
  body: unknown,
): { ok: true; value: BackfillRequest } | { ok: false; error: string } {
  const parsed = backfillRequestSchema.safeParse(body ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    error: parsed.error.issues
      .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'body'}: ${issue.message}`)
      .join('; '),
  };
}
