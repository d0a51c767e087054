import {
  type Envelope,
  type Fetched,
  fetchFailed,
  PROVIDER_REGISTRY,
  type Provider,
  type SyncRequested,
} from '@subsync/domain';
import type { SubscriptionRef, SyncReads } from '@subsync/persistence';
import type { FetchContext } from './sync-provider';

/**
 * The prelude of a provider's subscription fetch: the request must name one subscription, and
 * the stored one it names (looked up now unless the consumer did when it fetched the request)
 * must be billed by `provider`. The stored subscription (null: none), or the failure to record.
 */
export async function localSubscriptionFor(
  provider: Provider,
  request: Envelope<SyncRequested>,
  context: FetchContext,
  reads: Pick<SyncReads, 'findSubscription'>,
): Promise<{ local: SubscriptionRef | null } | { failed: Fetched<never> }> {
  const { ref, scope } = request.data;
  const name = PROVIDER_REGISTRY[provider].displayName;
  if (scope !== 'subscription') {
    return {
      failed: fetchFailed(
        'UNSUPPORTED_SCOPE',
        `${name} subscription sync does not handle scope '${scope}'`,
      ),
    };
  }
  const local =
    context.subscription !== undefined ? context.subscription : await reads.findSubscription(ref);
  if (local !== null && local.source !== provider) {
    return {
      failed: fetchFailed(
        'WRONG_PROVIDER',
        `Subscription ${ref} is billed by ${local.source}, not ${name}`,
      ),
    };
  }
  return { local };
}
