import { Inject, Injectable } from '@nestjs/common';
import { type Envelope, type Fetched, fetchFailed, type SyncRequested } from '@subsync/domain';
import type { FetchContext, SyncProvider } from '@subsync/sync';
import { ZuoraApiError, ZuoraClient } from '@subsync/zuora-client';
import { type ZuoraAccountFetched, ZuoraAccountWriter } from './zuora-account.writer';

type FetchResult = Fetched<ZuoraAccountFetched>;

/**
 * Syncs a whole Zuora account (`scope: "account"`, `ref` its number or id), as hot sync asks at
 * login: fetch the account, its subscriptions and payment methods, and apply them all in one
 * transaction; the account gets one outcome.
 */
@Injectable()
export class SyncZuoraAccountService implements SyncProvider<ZuoraAccountFetched> {
  readonly source = 'zuora-sync';

  constructor(
    @Inject(ZuoraClient)
    private readonly zuora: Pick<
      ZuoraClient,
      'getAccount' | 'listSubscriptionsByAccount' | 'getPaymentMethods'
    >,
    readonly writer: ZuoraAccountWriter,
  ) {}

  async fetch(request: Envelope<SyncRequested>, context: FetchContext): Promise<FetchResult> {
    const { ref } = request.data;
    const options = {
      trackId: context.trackId,
      signal: context.signal,
      background: context.background,
    };
    let stage = 'account';
    try {
      const account = await this.zuora.getAccount(ref, options);
      const { accountNumber } = account.basicInfo;
      // The account's other calls go ahead of other syncs' first calls: this one is under way.
      const later = { ...options, urgent: true };
      stage = 'subscriptions';
      const subscriptions = await this.zuora.listSubscriptionsByAccount(accountNumber, later);
      stage = 'payment methods';
      const paymentMethods = await this.zuora.getPaymentMethods(accountNumber, later);
      return { ok: true, snapshot: { account, subscriptions, paymentMethods } };
    } catch (error) {
      if (!(error instanceof ZuoraApiError)) throw error;
      const message =
        error.code === 'NOT_FOUND' && stage === 'account'
          ? `Zuora has no account '${ref}': ${error.message}`
          : `Zuora request for the ${stage} of account '${ref}' failed: ${error.message}`;
      return fetchFailed(`ZUORA_${error.code}`, message);
    }
  }
}
