import 'reflect-metadata';
import { runConsumerService } from '@subsync/messaging';
import { ZuoraSyncModule } from './zuora-sync.module';

runConsumerService({ name: 'zuora-sync', groupId: 'subsync.zuora-sync', module: ZuoraSyncModule });
