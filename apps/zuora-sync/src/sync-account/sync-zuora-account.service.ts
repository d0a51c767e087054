import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Envelope, type SyncRequested, Topics } from '@subsync/domain';
import {
  Clock,
  InboxTypeOrm,
  OutboxTypeOrm,
  recordSyncOutcome,
  type SyncOutcome,
} from '@subsync/messaging';
import { ZuoraApiError, ZuoraClient } from '@subsync/zuora-client';
import { type ZuoraAccountFetched, ZuoraAccountWriter } from './zuora-account.writer';

type Fetched = { ok: true; snapshot: ZuoraAccountFetched } | { ok: false; outcome: SyncOutcome };

/**
 * Syncs a whole Zuora account (`scope: "account"`, `ref` its number or id), as hot sync asks at
 * login: fetch the account, its subscriptions and payment methods, apply them in one
 * transaction, and announce one outcome for the account through the outbox.
 */
@Injectable()
export class SyncZuoraAccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly zuora: ZuoraClient,
    private readonly inbox: InboxTypeOrm,
    private readonly outbox: OutboxTypeOrm,
    private readonly clock: Clock,
    private readonly writer: ZuoraAccountWriter,
  ) {}

  async execute(request: Envelope<SyncRequested>): Promise<void> {
    if (await this.inbox.isProcessed(this.dataSource.manager, request.id)) return;
    // Upstream calls happen outside the transaction, so no row is locked while Zuora answers.
    const fetched = await this.fetch(request);
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.inbox.claim(manager, request.id, Topics.syncRequested))) return;
      const now = this.clock.now();
      const outcome = fetched.ok
        ? await this.writer.apply(manager, fetched.snapshot, now)
        : fetched.outcome;
      await recordSyncOutcome(manager, this.outbox, {
        request,
        eventType: request.data.trigger === 'hot-sync' ? 'hot-sync' : 'sync',
        source: 'zuora-sync',
        now,
        outcome,
      });
    });
    this.outbox.notifyCommitted();
  }

  private async fetch(request: Envelope<SyncRequested>): Promise<Fetched> {
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
      return {
        ok: false,
        outcome: {
          status: 'failed',
          subscriptionId: null,
          ownerId: null,
          error: { code: `ZUORA_${error.code}`, message },
        },
      };
    }
  }
}
