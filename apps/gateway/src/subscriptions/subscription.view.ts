import { z } from 'zod';
import {
  addressSchema,
  offerChargeSchema,
  providerSchema,
  SCHEDULE_ENTRY_STATUSES,
  SUBSCRIPTION_STATUSES,
} from '@subsync/domain';

/** The read model of CONTRACTS.md §3. Fields with no value are null or [], never left out. */
export const subscriptionViewSchema = z.object({
  id: z.string(),
  reference: z.string(),
  status: z.enum(SUBSCRIPTION_STATUSES),
  source: providerSchema,
  termStart: z.string().nullable(),
  termEnd: z.string().nullable(),
  autoRenew: z.boolean(),
  owner: z.string(),
  imported: z.boolean(),
  customer: z.object({
    id: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    identities: z.array(z.object({ service: z.string(), id: z.string() })),
  }),
  addresses: z.array(addressSchema),
  schedule: z.array(
    z.object({
      id: z.string(),
      date: z.string(),
      amount: z.string().describe('decimal string in major units'),
      currency: z.string(),
      status: z.enum(SCHEDULE_ENTRY_STATUSES),
      description: z.string().nullable(),
    }),
  ),
  paymentMethods: z.array(
    z.object({
      brand: z.string().nullable(),
      last4: z
        .string()
        .nullable()
        .describe(
          'null for a gateway-tokenised card whose digits the billing system does not give',
        ),
      expMonth: z.number().nullable(),
      expYear: z.number().nullable(),
      default: z.boolean(),
    }),
  ),
  offers: z.array(
    z.object({
      name: z.string(),
      start: z.string().nullable(),
      end: z.string().nullable(),
      offerId: z
        .string()
        .nullable()
        .describe(
          'The platform offer a catalog mapping names; null (and `mapped: false`) when unmapped.',
        ),
      mapped: z.boolean(),
      productName: z.string().nullable(),
      ratePlanName: z.string().nullable(),
      charges: z.array(offerChargeSchema),
    }),
  ),
  external: z.object({
    zuora: z
      .object({ subscriptionNumber: z.string().nullable(), accountNumber: z.string().nullable() })
      .nullable(),
    stripe: z
      .object({ subscriptionId: z.string().nullable(), customerId: z.string().nullable() })
      .nullable(),
  }),
  lastSyncedAt: z.string().nullable(),
});
export type SubscriptionView = z.infer<typeof subscriptionViewSchema>;
