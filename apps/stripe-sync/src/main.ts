import './tracing';
import 'reflect-metadata';
import { loadConfigOrExit, readSyncConfig } from '@subsync/config';
import { runProviderSyncService } from '@subsync/sync';
import { StripeSyncModule } from './stripe-sync.module';

// A Stripe sync is four calls, three of them at once; 16 in flight outruns Stripe's 25 requests
// a second, so the rate budget, not the consumer, sets the pace.
const sync = loadConfigOrExit(() => readSyncConfig(process.env, 16));

runProviderSyncService('stripe', sync, (config, lookups) =>
  StripeSyncModule.register(config, lookups),
);
