import { Injectable } from '@nestjs/common';
import type { Envelope, SyncRequested } from '@subsync/domain';
import { type Fetched, fetchFailed, SyncRequestRunner } from '@subsync/messaging';
import { ZuoraApiError, ZuoraClient } from '@subsync/zuora-client';
import { type ZuoraAccountFetched, ZuoraAccountWriter } from './zuora-account.writer';

type FetchResult = Fetched<ZuoraAccountFetched>;

/**
 * Syncs a whole Zuora account (`scope: "account"`, `ref` its number or id), as hot sync asks at
 * login: fetch the account, its subscriptions and payment methods, apply them in one
 * transaction, and announce one outcome for the account through the outbox.
 */
@Injectable()
export class SyncZuoraAccountService {
  constructor(
    private readonly runner: SyncRequestRunner,
    private readonly zuora: ZuoraClient,
    private readonly writer: ZuoraAccountWriter,
  ) {}

  execute(request: Envelope<SyncRequested>): Promise<void> {
    return this.runner.run(request, {
      source: 'zuora-sync',
      fetch: () => this.fetch(request),
      apply: (manager, snapshot, now) => this.writer.apply(manager, snapshot, now),
    });
  }

  private async fetch(request: Envelope<SyncRequested>): Promise<FetchResult> {
    const { ref } = request.data;
    const options = { trackId: request.correlationId };
    let stage = 'account';
    try {
      const account = await this.zuora.getAccount(ref, options);
      const { accountNumber } = account.basicInfo;
      stage = 'subscriptions';
      const subscriptions = await this.zuora.listSubscriptionsByAccount(accountNumber, options);
      stage = 'payment methods';
      const paymentMethods = await this.zuora.getPaymentMethods(accountNumber, options);
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
