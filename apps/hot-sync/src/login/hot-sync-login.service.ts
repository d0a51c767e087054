import { Inject, Injectable, Logger } from '@nestjs/common';
import type { HotSyncConfig } from '@subsync/config';
import {
  type AccountLookupResult,
  type Envelope,
  type EventRequest,
  type HotSyncStep,
  type IdentityLogin,
  isThrottled,
  newPlatformId,
  planHotSync,
  resolveZuoraAccountClaims,
  Topics,
} from '@subsync/domain';
import { Clock } from '@subsync/messaging';
import {
  type QueuedSyncEvent,
  type SyncReads,
  type SyncStore,
  SyncUnitOfWork,
} from '@subsync/persistence';
import { queueSyncRequestIn } from '@subsync/sync';
import { ZuoraApiError, ZuoraClient } from '@subsync/zuora-client';
import { HOT_SYNC_CONFIG } from '../hot-sync.tokens';

/**
 * Hot sync at login: when the toggle is on, the login's identity claims name Zuora accounts,
 * directly or through a 1:1 custom-field lookup, and each account is queued as an
 * account-scoped `sync.requested.v1` that zuora-sync carries out. Every queued, skipped or
 * failed account leaves a `hot-sync` Event.
 */
@Injectable()
export class HotSyncLoginService {
  private readonly logger = new Logger(HotSyncLoginService.name);

  constructor(
    private readonly unitOfWork: SyncUnitOfWork,
    @Inject(ZuoraClient) private readonly zuora: Pick<ZuoraClient, 'findAccountsByField'>,
    private readonly clock: Clock,
    @Inject(HOT_SYNC_CONFIG) private readonly config: HotSyncConfig,
  ) {}

  async handle(login: Envelope<IdentityLogin>): Promise<void> {
    const reads = this.unitOfWork.reads;
    if ((await reads.processedAmong([login.id])).has(login.id)) return;
    const steps = await this.plan(login, reads);
    await this.unitOfWork.run(async (store) => {
      const { claimed } = await store.claimMessages([login.id], Topics.identityLogin);
      if (!claimed.has(login.id)) return;
      for (const step of steps) await this.apply(store, login, step);
    });
  }

  /** Reads settings and claims, and does the Zuora lookups, before any transaction opens. */
  private async plan(login: Envelope<IdentityLogin>, reads: SyncReads): Promise<HotSyncStep[]> {
    const { issuer, subject, claims, providerId } = login.data;
    if (!(await reads.loadZuoraSettings()).hotSyncEnabled) return [];
    const provider = await reads.findAuthProvider({
      issuer,
      ...(providerId ? { providerId } : {}),
    });
    if (provider === null) {
      this.logger.log(
        `login of ${issuer}:${subject}: no authentication provider for this issuer; no hot sync`,
      );
      return [];
    }
    const { accounts, lookups } = resolveZuoraAccountClaims(claims, provider.identityClaims);
    const results: AccountLookupResult[] = [];
    for (const lookup of lookups) results.push(await this.lookUp(lookup, login.correlationId));
    const steps = planHotSync(accounts, results);
    for (const step of steps) {
      if (step.kind === 'skip') this.logger.warn(`login of ${issuer}:${subject}: ${step.reason}`);
    }
    return steps;
  }

  /** A Zuora error fails this lookup's step only; any other error is a fault and throws. */
  private async lookUp(
    lookup: { field: string; value: string },
    trackId: string,
  ): Promise<AccountLookupResult> {
    try {
      const matches = await this.zuora.findAccountsByField(lookup.field, lookup.value, { trackId });
      return { lookup, ok: true, matches: matches.map((match) => match.accountNumber) };
    } catch (error) {
      if (!(error instanceof ZuoraApiError)) throw error;
      return { lookup, ok: false, code: error.code, message: error.message };
    }
  }

  private async apply(
    tx: SyncStore,
    login: Envelope<IdentityLogin>,
    step: HotSyncStep,
  ): Promise<void> {
    const now = this.clock.now();
    if (step.kind === 'queue') return this.queue(tx, login, step.account, now);
    await this.close(
      tx,
      loginEvent(login, step.ref, now),
      step.kind === 'skip' ? 'skipped' : 'failed',
      step.reason,
      now,
      step.kind === 'fail' ? step.code : null,
    );
  }

  private async queue(
    tx: SyncStore,
    login: Envelope<IdentityLogin>,
    account: string,
    now: Date,
  ): Promise<void> {
    const last = await tx.lockHotSyncAccount(account);
    if (isThrottled(last, now, this.config.minIntervalMs)) {
      const seconds = Math.round(this.config.minIntervalMs / 1000);
      return this.close(
        tx,
        loginEvent(login, account, now),
        'skipped',
        `Account ${account} was hot-synced less than ${seconds} s ago`,
        now,
      );
    }
    await tx.markHotSyncQueued(account, now);
    await queueSyncRequestIn(tx, {
      provider: 'zuora',
      scope: 'account',
      ref: account,
      trigger: 'hot-sync',
      correlationId: login.correlationId,
      source: 'hot-sync',
      now,
    });
  }

  private async close(
    tx: SyncStore,
    event: QueuedSyncEvent,
    status: 'skipped' | 'failed',
    reason: string,
    now: Date,
    errorCode: string | null = null,
  ): Promise<void> {
    await tx.completeEvents([
      {
        event,
        result: {
          status,
          subscriptionId: null,
          ownerId: null,
          changes: [],
          reason,
          errorCode,
          completedAt: now,
        },
      },
    ]);
  }
}

/** A hot-sync Event decided at login (skipped or failed there, so no sync was queued). */
function loginEvent(login: Envelope<IdentityLogin>, ref: string, now: Date): QueuedSyncEvent {
  return {
    id: newPlatformId('event'),
    type: 'hot-sync',
    provider: 'zuora',
    ref,
    trigger: 'hot-sync',
    correlationId: login.correlationId,
    createdAt: now,
    request: loginRequestOf(login.data),
  };
}

/** Who logged in, as a hot-sync Event decided at login records it (the claims are not kept). */
function loginRequestOf({ issuer, subject, providerId }: IdentityLogin): EventRequest {
  return {
    topic: Topics.identityLogin,
    data: { issuer, subject, ...(providerId === undefined ? {} : { providerId }) },
  };
}
