import { envelopeType, Topics, type Envelope, type Topic, type TopicData } from '@subsync/domain';

export interface MessageExample<T extends Topic> {
  name: string;
  summary: string;
  data: TopicData[T];
}

/**
 * Examples for the published contract, typed by the registry (so they compile only while they fit
 * it); the unit test checks each against the published JSON Schema as well.
 */
export const MESSAGE_EXAMPLES: { [T in Topic]: readonly MessageExample<T>[] } = {
  [Topics.syncRequested]: [
    {
      name: 'apiRequest',
      summary: 'A sync asked for over the API',
      data: {
        provider: 'zuora',
        scope: 'subscription',
        ref: 'A-S00000271',
        trigger: 'api',
        eventId: 'event-8c5d0b7f2a1e4c3d9b6a5f4e3d2c1b0a',
      },
    },
    {
      name: 'zuoraCallout',
      summary: 'A sync a Zuora callout asked for, with what the callout said',
      data: {
        provider: 'zuora',
        scope: 'subscription',
        ref: 'A-S00000271',
        trigger: 'callout',
        eventId: 'event-0f1e2d3c4b5a69788796a5b4c3d2e1f0',
        callout: {
          notificationId: '2c92c0f9-6f3b-4a1e',
          subscriptionNumber: 'A-S00000271',
          orderNumber: 'O-00000412',
          orderActionType: 'RenewSubscription',
          source: 'zuora',
          createdById: '2c92c0f86a8dd422016a9e7a70116b0d',
        },
      },
    },
  ],
  [Topics.identityLogin]: [
    {
      name: 'login',
      summary: 'A login whose claims name a Zuora account',
      data: {
        issuer: 'https://shop.example.com/',
        subject: 'user-42',
        claims: { zuora_account_id: '8a8aa0a38d3c4f6a018d3d2f1e2b3c4d' },
        providerId: 'shop',
      },
    },
  ],
  [Topics.syncCompleted]: [
    {
      name: 'succeeded',
      summary: 'A sync that moved the term end',
      data: {
        provider: 'zuora',
        ref: 'A-S00000271',
        status: 'succeeded',
        subscriptionId: 'sub-5b0e8a4c2d1f47e3a6b9c8d7e6f5a4b3',
        ownerId: 'id-9f8e7d6c5b4a49382716a5b4c3d2e1f0',
        eventId: 'event-8c5d0b7f2a1e4c3d9b6a5f4e3d2c1b0a',
        changes: [{ field: 'termEnd', before: '2026-11-30', after: '2027-11-30' }],
      },
    },
    {
      name: 'skipped',
      summary: 'A callout for an order the platform placed itself',
      data: {
        provider: 'zuora',
        ref: 'A-S00000271',
        status: 'skipped',
        subscriptionId: null,
        ownerId: null,
        eventId: 'event-0f1e2d3c4b5a69788796a5b4c3d2e1f0',
        changes: [],
        reason: 'The order was placed by the platform (source shop).',
      },
    },
  ],
};

/** An example's envelope, with fixed ids and time so the generated document is stable. */
export function exampleEnvelope<T extends Topic>(
  topic: T,
  example: MessageExample<T>,
  index: number,
): Envelope<TopicData[T]> {
  const n = String(index + 1).padStart(12, '0');
  return {
    id: `6f1c2d3e-4b5a-4c6d-8e7f-${n}`,
    type: envelopeType(topic),
    version: 1,
    occurredAt: '2026-11-20T10:00:00.000Z',
    correlationId: `0a1b2c3d-4e5f-4a6b-9c7d-${n}`,
    source: topic === Topics.syncCompleted ? 'zuora-sync' : 'gateway',
    data: example.data,
  };
}
