import './tracing';
import 'reflect-metadata';
import { loadConfigOrExit, readSyncConfig, readZuoraConfig } from '@subsync/config';
import { Topics } from '@subsync/domain';
import { runConsumerService } from '@subsync/messaging';
import { SyncUnitOfWorkTypeOrm } from '@subsync/persistence';
import { SyncRequestLookups, syncRequestRouting } from '@subsync/sync';
import { ZuoraSyncModule } from './zuora-sync.module';

// Twice the tenant's concurrency limit in flight: a sync holds no Zuora slot between its calls
// or while it writes, so more syncs than slots keep every slot busy.
const sync = loadConfigOrExit(() =>
  readSyncConfig(process.env, 2 * readZuoraConfig(process.env).maxConcurrency),
);

runConsumerService({
  name: 'zuora-sync',
  groupId: 'subsync.zuora-sync',
  maxInFlight: sync.maxInFlight,
  parts: (runtime) => {
    const { reads } = new SyncUnitOfWorkTypeOrm(runtime.dataSource, runtime.inbox, runtime.outbox);
    const lookups = new SyncRequestLookups(reads);
    return {
      module: ZuoraSyncModule.register(sync, lookups),
      routing: { [Topics.syncRequested]: syncRequestRouting('zuora', lookups) },
    };
  },
});
