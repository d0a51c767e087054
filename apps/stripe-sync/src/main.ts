import './tracing';
import 'reflect-metadata';
import { loadConfigOrExit, readSyncConfig } from '@subsync/config';
import { Topics } from '@subsync/domain';
import { runConsumerService } from '@subsync/messaging';
import { SyncUnitOfWorkTypeOrm } from '@subsync/persistence';
import { SyncRequestLookups, syncRequestRouting } from '@subsync/sync';
import { StripeSyncModule } from './stripe-sync.module';

// A Stripe sync is four calls, three of them at once; 16 in flight outruns Stripe's 25 requests
// a second, so the rate budget, not the consumer, sets the pace.
const sync = loadConfigOrExit(() => readSyncConfig(process.env, 16));

runConsumerService({
  name: 'stripe-sync',
  groupId: 'subsync.stripe-sync',
  maxInFlight: sync.maxInFlight,
  parts: (runtime) => {
    const { reads } = new SyncUnitOfWorkTypeOrm(runtime.dataSource, runtime.inbox, runtime.outbox);
    const lookups = new SyncRequestLookups(reads);
    return {
      module: StripeSyncModule.register(sync, lookups),
      routing: { [Topics.syncRequested]: syncRequestRouting('stripe', lookups) },
    };
  },
});
