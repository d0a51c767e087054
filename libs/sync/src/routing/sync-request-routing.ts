import {
  type Envelope,
  isBackgroundTrigger,
  type Provider,
  providerSchema,
  type SyncRequested,
} from '@subsync/domain';
import type { InboundMessage, TopicRouting } from '@subsync/messaging';
import type { SubscriptionRef } from '@subsync/persistence';
import type { SyncRequestLookups } from './sync-request-lookups';

/** The provider a `sync.requested.v1` key names (`<provider>:<ref>`), or null for any other key. */
export function providerOfKey(key: string): Provider | null {
  const parsed = providerSchema.safeParse(key.slice(0, key.indexOf(':')));
  return parsed.success ? parsed.data : null;
}

/**
 * The ordering key of a sync request: one per subscription, however the request names it
 * (platform id, reference, Zuora number or id, Stripe id), so that two requests for the same
 * subscription never run at once in this process. A subscription not stored yet is keyed by its
 * provider and ref; an account by its provider and ref.
 */
export function syncOrderingKey(
  request: SyncRequested,
  subscriptions: ReadonlyMap<string, SubscriptionRef>,
): string {
  if (request.scope === 'account') return `account:${request.provider}:${request.ref}`;
  const stored = subscriptions.get(request.ref);
  return stored === undefined ? `${request.provider}:${request.ref}` : `subscription:${stored.id}`;
}

/**
 * How a provider service consumes `sync.requested.v1`, the one public topic both providers'
 * requests share: records keyed for the other provider are skipped before they are parsed; a
 * record whose key names this provider but whose data names another is invalid (dead-lettered
 * here, ignored by the other service); the rest are ordered per subscription, and backfill or
 * sweep requests wait while live ones (API, callout, console, login, webhook) are ready.
 */
export function syncRequestRouting(provider: Provider, lookups: SyncRequestLookups): TopicRouting {
  return {
    accepts: (key) => {
      const named = providerOfKey(key);
      return named === null || named === provider;
    },
    validate: (message: InboundMessage<unknown>) => {
      const data = message.envelope.data as SyncRequested;
      return providerOfKey(message.key) === provider && data.provider !== provider
        ? `the key '${message.key}' names provider ${provider}, but data.provider is ${data.provider}`
        : null;
    },
    orderingKeys: async (messages) => {
      const requests = messages.map((message) => message.envelope as Envelope<SyncRequested>);
      const subscriptions = await lookups.lookUp(requests);
      return requests.map((request) => syncOrderingKey(request.data, subscriptions));
    },
    background: (message) => isBackgroundTrigger((message.envelope.data as SyncRequested).trigger),
  };
}
