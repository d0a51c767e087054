import {
  createEnvelope,
  type Envelope,
  type IdentityLogin,
  type SyncRequested,
  Topics,
  type ZuoraObjectQueryAccount,
} from '@subsync/domain';
import { SyncUnitOfWorkInMemory } from '@subsync/persistence';
import type { ZuoraClient } from '@subsync/zuora-client';
import { HotSyncLoginService } from './hot-sync-login.service';

// Hot sync at login, on the in-memory store: which accounts a login queues for zuora-sync, and
// the Events it leaves for the ones it does not.

/** Zuora's accounts by custom field value. */
class FakeZuoraLookup implements Pick<ZuoraClient, 'findAccountsByField'> {
  readonly byValue = new Map<string, string[]>();

  findAccountsByField(_field: string, value: string): Promise<ZuoraObjectQueryAccount[]> {
    const numbers = this.byValue.get(value) ?? [];
    return Promise.resolve(
      numbers.map((accountNumber) => ({ id: `id-${accountNumber}`, accountNumber })),
    );
  }
}

const claim = (name: string, lookupField: string | null) => ({
  claim: name,
  service: 'zuora',
  issuer: 'zuora',
  type: 'account',
  accountLookup: lookupField !== null,
  accountLookupField: lookupField,
});

function aLogin(claims: Record<string, unknown>): Envelope<IdentityLogin> {
  return createEnvelope({
    topic: Topics.identityLogin,
    source: 'spec',
    now: new Date(),
    data: { issuer: 'https://id.example.com', subject: 'user-1', claims },
  });
}

describe('hot sync at login', () => {
  let now: Date;
  let memory: SyncUnitOfWorkInMemory;
  let zuora: FakeZuoraLookup;
  let service: HotSyncLoginService;

  beforeEach(() => {
    now = new Date('2026-11-20T10:00:00Z');
    memory = new SyncUnitOfWorkInMemory(() => now);
    memory.data.settings = { hotSyncEnabled: true };
    memory.data.authProviders = [
      {
        id: 'idp-1',
        issuer: 'https://id.example.com',
        jwksUrl: null,
        secret: null,
        audience: null,
        identityClaims: [claim('zuora_account', null), claim('external_id', 'ExternalId__c')],
      },
    ];
    zuora = new FakeZuoraLookup();
    service = new HotSyncLoginService(memory, zuora, { now: () => now }, { minIntervalMs: 60_000 });
  });

  const queued = (): SyncRequested[] =>
    memory.data.outbox
      .filter(({ topic }) => topic === Topics.syncRequested)
      .map(({ envelope }) => envelope.data as SyncRequested);
  const events = () =>
    [...memory.data.events.values()].map(({ event, status, result }) => ({
      ref: event.ref,
      status,
      reason: result?.reason ?? null,
    }));

  it('queues an account sync for each account the claims name, directly or by lookup', async () => {
    zuora.byValue.set('ext-42', ['A00000272']);

    await service.handle(aLogin({ zuora_account: 'A00000271', external_id: 'ext-42' }));

    expect(queued()).toMatchObject([
      { provider: 'zuora', scope: 'account', ref: 'A00000271', trigger: 'hot-sync' },
      { provider: 'zuora', scope: 'account', ref: 'A00000272', trigger: 'hot-sync' },
    ]);
    expect(events()).toEqual([
      { ref: 'A00000271', status: 'queued', reason: null },
      { ref: 'A00000272', status: 'queued', reason: null },
    ]);
    expect(memory.data.hotSyncAccounts.get('A00000271')).toEqual(now);
  });

  it('skips an account synced within the interval, and queues it again after', async () => {
    await service.handle(aLogin({ zuora_account: 'A00000271' }));
    now = new Date(now.getTime() + 30_000);
    await service.handle(aLogin({ zuora_account: 'A00000271' }));
    now = new Date(now.getTime() + 31_000);
    await service.handle(aLogin({ zuora_account: 'A00000271' }));

    expect(queued().map((request) => request.ref)).toEqual(['A00000271', 'A00000271']);
    expect(events().map(({ status }) => status)).toEqual(['queued', 'skipped', 'queued']);
    expect(events()[1]!.reason).toContain('less than 60 s ago');
  });

  it('records a lookup matching several accounts as skipped, queueing nothing', async () => {
    zuora.byValue.set('ext-42', ['A1', 'A2']);

    await service.handle(aLogin({ external_id: 'ext-42' }));

    expect(queued()).toEqual([]);
    expect(events()).toMatchObject([{ ref: 'ExternalId__c=ext-42', status: 'skipped' }]);
  });

  it('does nothing while hot sync is off, or for a login handled already', async () => {
    memory.data.settings = { hotSyncEnabled: false };
    await service.handle(aLogin({ zuora_account: 'A00000271' }));
    expect(queued()).toEqual([]);

    memory.data.settings = { hotSyncEnabled: true };
    const login = aLogin({ zuora_account: 'A00000271' });
    await service.handle(login);
    now = new Date(now.getTime() + 120_000);
    await service.handle(login);
    expect(queued()).toHaveLength(1);
    expect(memory.data.events.size).toBe(1);
  });
});
