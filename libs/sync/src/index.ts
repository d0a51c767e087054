// The sync use case: ask for a sync, run the syncs that waited for one subscription, and record
// how each ended.
export * from './request/queue-sync-request';
export * from './request/sync-requests';
export * from './request/stripe-event-intake';
export * from './request/sync-request.providers';
export * from './run/sync-provider';
export * from './run/local-subscription';
export * from './run/sync-runner';
export * from './run/batch-applier';
export * from './outcome/record-sync-outcomes';
export * from './routing/sync-request-routing';
export * from './routing/sync-request-lookups';
export * from './sync.module';
export * from './backfill/subscription-listers';
export * from './backfill/backfill-runner';
export * from './backfill/bulk-sync.providers';
export * from './reconcile/reconcile-sweep';
