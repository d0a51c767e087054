import { describeSyncStoreContract } from '../ports/sync-store.contract';
import { SyncUnitOfWorkInMemory } from './sync-store.in-memory';

describeSyncStoreContract('SyncUnitOfWorkInMemory', () => {
  const unitOfWork = new SyncUnitOfWorkInMemory();
  return Promise.resolve({
    unitOfWork,
    addCatalogMapping: (productRatePlanId, offer) => {
      unitOfWork.data.catalog.set(productRatePlanId, offer);
      return Promise.resolve();
    },
    addBackfillJob: (job) => {
      unitOfWork.data.backfillJobs.set(job.id, {
        ...job,
        status: 'running',
        checkpoint: null,
        listingDone: false,
        createdAt: job.now,
        leaseOwner: null,
        leaseUntil: null,
        listed: 0,
        queued: 0,
        skipped: 0,
        pages: 0,
        error: null,
      });
      return Promise.resolve();
    },
    events: (ids) =>
      Promise.resolve(
        ids.flatMap((id) => {
          const stored = unitOfWork.data.events.get(id);
          return stored === undefined
            ? []
            : [
                {
                  id,
                  status: stored.status,
                  subscriptionId: stored.result?.subscriptionId ?? null,
                },
              ];
        }),
      ),
    outbox: (messageIds) =>
      Promise.resolve(
        unitOfWork.data.outbox
          .filter(({ envelope }) => messageIds.includes(envelope.id))
          .map(({ topic, envelope }) => ({ messageId: envelope.id, topic })),
      ),
  });
});
