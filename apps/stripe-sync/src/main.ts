import 'reflect-metadata';
import { bootstrapConsumerService } from '@subsync/messaging';
import { StripeSyncModule } from './stripe-sync.module';

bootstrapConsumerService({
  name: 'stripe-sync',
  groupId: 'subsync.stripe-sync',
  module: StripeSyncModule,
}).catch((error: unknown) => {
  process.stderr.write(
    `stripe-sync failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
