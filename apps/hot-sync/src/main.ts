import 'reflect-metadata';
import { bootstrapConsumerService } from '@subsync/messaging';
import { HotSyncModule } from './hot-sync.module';

bootstrapConsumerService({
  name: 'hot-sync',
  groupId: 'subsync.hot-sync',
  module: HotSyncModule,
}).catch((error: unknown) => {
  process.stderr.write(
    `hot-sync failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
