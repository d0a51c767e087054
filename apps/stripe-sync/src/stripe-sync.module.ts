import { Module } from '@nestjs/common';
import { SyncRequestedController } from './sync-subscription/sync-requested.controller';

@Module({ controllers: [SyncRequestedController] })
export class StripeSyncModule {}
