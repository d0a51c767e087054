import { Inject, Injectable } from '@nestjs/common';
import type { ZuoraConfig } from '@subsync/config';
import {
  type CalloutContext,
  decideCalloutOrigin,
  type Envelope,
  type Fetched,
  fetchFailed,
  type SyncRequested,
} from '@subsync/domain';
import { type SubscriptionRef, SyncUnitOfWork } from '@subsync/persistence';
import { type FetchContext, localSubscriptionFor, type SyncProvider } from '@subsync/sync';
import { ZuoraApiError, ZuoraClient } from '@subsync/zuora-client';
import { ZUORA_CONFIG } from '../zuora-sync.tokens';
import { type ZuoraFetched, ZuoraSubscriptionWriter } from './zuora-subscription.writer';

type FetchResult = Fetched<ZuoraFetched>;

/**
 * Syncs one subscription from Zuora: resolve the id, fetch the subscription and its account,
 * then reconcile and persist (the sync runner records the outcome in the same transaction).
 */
@Injectable()
export class SyncZuoraSubscriptionService implements SyncProvider<ZuoraFetched> {
  readonly source = 'zuora-sync';

  constructor(
    @Inject(ZUORA_CONFIG) private readonly config: Pick<ZuoraConfig, 'integrationUserIds'>,
    private readonly unitOfWork: SyncUnitOfWork,
    @Inject(ZuoraClient)
    private readonly zuora: Pick<ZuoraClient, 'getSubscription' | 'getAccount' | 'getOrder'>,
    readonly writer: ZuoraSubscriptionWriter,
  ) {}

  async fetch(request: Envelope<SyncRequested>, context: FetchContext): Promise<FetchResult> {
    const { ref } = request.data;
    const found = await localSubscriptionFor('zuora', request, context, this.unitOfWork.reads);
    if ('failed' in found) return found.failed;
    const { local } = found;
    if (local === null && ref.startsWith('sub-')) {
      return fetchFailed('NOT_FOUND', `No subscription ${ref} exists on the platform`);
    }
    const calls = {
      trackId: context.trackId,
      signal: context.signal,
      background: context.background,
    };
    const callout = request.data.callout;
    if (callout !== undefined) {
      const skipped = await this.skipIfPlatformMade(callout, local, calls);
      if (skipped !== null) return skipped;
    }
    const key = local?.key ?? ref;
    try {
      const subscription = await this.zuora.getSubscription(key, calls);
      const account = await this.zuora.getAccount(subscription.accountNumber, {
        ...calls,
        urgent: true,
      });
      return { ok: true, snapshot: { subscription, account } };
    } catch (error) {
      if (!(error instanceof ZuoraApiError)) throw error;
      const message =
        error.code === 'NOT_FOUND'
          ? `Zuora has no subscription '${key}': ${error.message}`
          : `Zuora request failed: ${error.message}`;
      return fetchFailed(`ZUORA_${error.code}`, message);
    }
  }

  /**
   * A callout for an order the platform started itself is not synced back: the platform already
   * holds that change. The callout's parameters decide when they can; otherwise the order does.
   */
  private async skipIfPlatformMade(
    callout: CalloutContext,
    local: SubscriptionRef | null,
    calls: { trackId: string; signal: AbortSignal; background: boolean },
  ): Promise<FetchResult | null> {
    const input = { callout, integrationUserIds: this.config.integrationUserIds };
    let origin = decideCalloutOrigin(input);
    if (origin.kind === 'lookup-order') {
      const { orderNumber } = origin;
      try {
        origin = decideCalloutOrigin({
          ...input,
          order: await this.zuora.getOrder(orderNumber, calls),
        });
      } catch (error) {
        if (!(error instanceof ZuoraApiError)) throw error;
        // Syncing anyway could echo the platform's own change; the failure says why it did not.
        return fetchFailed(
          `ZUORA_ORDER_${error.code}`,
          `Not synced: could not tell whether the platform started order ${orderNumber}: ${error.message}`,
        );
      }
    }
    if (origin.kind !== 'platform') return null;
    return {
      ok: false,
      outcome: {
        status: 'skipped',
        subscriptionId: local?.id ?? null,
        ownerId: local?.ownerId ?? null,
        reason: origin.reason,
      },
    };
  }
}
