import './tracing';
import 'reflect-metadata';
import { runConsumerService } from '@subsync/messaging';
import { HotSyncModule } from './hot-sync.module';

runConsumerService({
  name: 'hot-sync',
  groupId: 'subsync.hot-sync',
  parts: () => ({ module: HotSyncModule }),
});
