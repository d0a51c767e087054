import './tracing';
import 'reflect-metadata';
import { loadConfigOrExit, readSyncConfig, readZuoraConfig } from '@subsync/config';
import { runProviderSyncService } from '@subsync/sync';
import { ZuoraSyncModule } from './zuora-sync.module';

// Twice the tenant's concurrency limit in flight: a sync holds no Zuora slot between its calls
// or while it writes, so more syncs than slots keep every slot busy.
const sync = loadConfigOrExit(() =>
  readSyncConfig(process.env, 2 * readZuoraConfig(process.env).maxConcurrency),
);

runProviderSyncService('zuora', sync, (config, lookups) =>
  ZuoraSyncModule.register(config, lookups),
);
