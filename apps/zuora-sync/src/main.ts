import 'reflect-metadata';
import { bootstrapConsumerService } from '@subsync/messaging';
import { ZuoraSyncModule } from './zuora-sync.module';

bootstrapConsumerService({
  name: 'zuora-sync',
  groupId: 'subsync.zuora-sync',
  module: ZuoraSyncModule,
}).catch((error: unknown) => {
  process.stderr.write(
    `zuora-sync failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
