import { Topics, type Topic } from '@subsync/domain';

export type ServiceName = 'gateway' | 'zuora-sync' | 'stripe-sync' | 'hot-sync';

export interface TopicParty {
  service: ServiceName;
  /** What the service does with the topic, in a few words, for the published contract. */
  does: string;
}

export interface TopicParties {
  title: string;
  description: string;
  senders: readonly TopicParty[];
  /** Each receiver also dead-letters what it cannot process to `<topic>.dlt`. */
  receivers: readonly TopicParty[];
}

/**
 * Who publishes and who consumes each registry topic. Keyed by the registry's topic type, so a
 * topic added to the registry without saying who uses it does not compile.
 */
export const TOPIC_PARTIES: Readonly<Record<Topic, TopicParties>> = {
  [Topics.syncRequested]: {
    title: 'Sync requested',
    description:
      'Asks for one subscription (or one Zuora account) to be synced from its billing system. Upstream systems may publish it directly; with a `callout` block, the same loop prevention applies as for a Zuora callout.',
    senders: [
      {
        service: 'gateway',
        does: 'Queues a sync asked for over HTTP: the API, Zuora callouts, the console, Stripe webhooks and replays.',
      },
      { service: 'hot-sync', does: 'Queues an account sync for the Zuora account a login names.' },
    ],
    receivers: [
      { service: 'zuora-sync', does: 'Syncs requests keyed `zuora:…`; skips the others.' },
      { service: 'stripe-sync', does: 'Syncs requests keyed `stripe:…`; skips the others.' },
    ],
  },
  [Topics.identityLogin]: {
    title: 'Identity login',
    description:
      'A customer signed in with a verified ID token; its claims may name their Zuora account. Upstream systems may publish it directly.',
    senders: [{ service: 'gateway', does: 'Publishes a login whose ID token it verified.' }],
    receivers: [
      {
        service: 'hot-sync',
        does: 'Finds the Zuora account the claims name and asks for it to be synced.',
      },
    ],
  },
  [Topics.syncCompleted]: {
    title: 'Sync completed',
    description:
      'The outcome of one sync request: what changed, or why it was skipped or failed. Carries the `correlationId` of its request. For downstream consumers.',
    senders: [
      { service: 'zuora-sync', does: 'Announces the outcome of each Zuora sync.' },
      { service: 'stripe-sync', does: 'Announces the outcome of each Stripe sync.' },
      {
        service: 'gateway',
        does: 'Announces a failed outcome for a request that was dead-lettered.',
      },
    ],
    receivers: [
      {
        service: 'gateway',
        does: 'Answers the synchronous HTTP caller waiting for this outcome.',
      },
    ],
  },
};

/** The gateway turns every dead-letter record into a failed Event that can be replayed. */
export const DEAD_LETTER_RECEIVER: TopicParty = {
  service: 'gateway',
  does: 'Records each dead letter as a failed Event, which an operator can see and replay.',
};
