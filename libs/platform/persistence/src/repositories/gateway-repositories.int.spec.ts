import type { DataSource } from 'typeorm';
import { createTestDatabase } from '@subsync/testkit';
import { createDataSource } from '../data-source';
import { isUniqueViolation } from '../errors/postgres-errors';
import { DatabasePingTypeOrm } from '../health/database-ping';
import { runMigrations } from '../run-migrations';
import { AuthProvidersTypeOrm, type AuthProviderWriteDecision } from './auth-providers.repository';
import { BackfillJobsTypeOrm } from './backfill-jobs.store';
import { ZuoraMappingsTypeOrm } from './zuora-mappings.repository';

const NOW = new Date('2026-12-01T09:00:00Z');
const JOB = 'backfill-0123456789abcdef0123456789abcdef';

const fields = (issuer: string) => ({
  issuer,
  jwksUrl: `${issuer}keys`,
  secret: null,
  audience: null,
  identityClaims: [],
});

/** Allows every write, as new when nothing is stored under the id. */
const allow =
  (issuer: string) =>
  (current: unknown): AuthProviderWriteDecision<never> => ({
    ok: true,
    created: current === null,
    fields: fields(issuer),
  });

describe('the gateway repositories against PostgreSQL', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = createDataSource(await createTestDatabase('gateway_repositories'), 'gateway-repos-int');
    await db.initialize();
    await runMigrations(db);
  });

  afterAll(async () => {
    await db.destroy();
  });

  it('writes an auth provider, says whether it was new, and refuses what decide refuses', async () => {
    const providers = new AuthProvidersTypeOrm(db);

    const created = await providers.write(
      'shop',
      'https://shop.example/',
      allow('https://shop.example/'),
    );
    const replaced = await providers.write(
      'shop',
      'https://shop.example/',
      allow('https://shop.example/'),
    );
    const seen: unknown[] = [];
    const refused = await providers.write('app', 'https://shop.example/', (current, holder) => {
      seen.push(current?.id ?? null, holder?.id ?? null);
      return { ok: false, error: 'taken' };
    });

    expect(created).toMatchObject({ ok: true, created: true, saved: { id: 'shop' } });
    expect(replaced).toMatchObject({ ok: true, created: false });
    expect(refused).toEqual({ ok: false, error: 'taken' });
    expect(seen).toEqual([null, 'shop']);
    expect((await providers.list()).map((provider) => provider.id)).toEqual(['shop']);
    expect(await providers.findForLogin({ issuer: 'https://shop.example/' })).toMatchObject({
      id: 'shop',
    });
  });

  it('leaves a second holder of an issuer to the unique index', async () => {
    const providers = new AuthProvidersTypeOrm(db);
    const write = providers.write('other', 'https://shop.example/', allow('https://shop.example/'));
    const error: unknown = await write.catch((caught: unknown) => caught);
    expect(isUniqueViolation(error)).toBe(true);
    expect(await providers.remove('other')).toBe(false);
    expect(await providers.remove('shop')).toBe(true);
  });

  it('puts, finds and removes a Zuora catalog mapping', async () => {
    const mappings = new ZuoraMappingsTypeOrm(db);
    const mapping = { productRatePlanId: 'prp-1', offerId: 'offer-1', offerName: 'Digital' };

    expect(await mappings.put(mapping)).toBe(true);
    expect(await mappings.put({ ...mapping, offerName: 'Digital Monthly' })).toBe(false);
    expect(await mappings.find('prp-1')).toMatchObject({ offerName: 'Digital Monthly' });
    expect(await mappings.remove('prp-1')).toBe(true);
    expect(await mappings.remove('prp-1')).toBe(false);
    expect(await mappings.list()).toEqual([]);
  });

  it('moves a backfill job on only as decide allows', async () => {
    const jobs = new BackfillJobsTypeOrm(db);
    await jobs.insert({
      id: JOB,
      provider: 'zuora',
      filter: {},
      createdBy: null,
      correlationId: '6f1c2b7e-0000-4000-8000-000000000001',
      now: NOW,
    });

    const paused = await jobs.transition(JOB, () => ({ ok: true, status: 'paused' }), NOW);
    const refused = await jobs.transition(JOB, () => ({ ok: false, reason: 'no' }), NOW);
    const missing = await jobs.transition(
      'backfill-x',
      () => ({ ok: true, status: 'paused' }),
      NOW,
    );

    expect(paused).toEqual({ ok: true, status: 'paused' });
    expect(refused).toEqual({ ok: false, reason: 'no' });
    expect(missing).toBeNull();
    expect(await jobs.find(JOB)).toMatchObject({ status: 'paused' });
    expect((await jobs.list({ limit: 10, status: 'paused' })).map((job) => job.id)).toEqual([JOB]);
  });

  it('answers a ping while PostgreSQL is up', async () => {
    expect(await new DatabasePingTypeOrm(db).answers()).toBe(true);
  });
});
