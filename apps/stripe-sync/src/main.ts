import 'reflect-metadata';
import { runConsumerService } from '@subsync/messaging';
import { StripeSyncModule } from './stripe-sync.module';

runConsumerService({
  name: 'stripe-sync',
  groupId: 'subsync.stripe-sync',
  module: StripeSyncModule,
});
