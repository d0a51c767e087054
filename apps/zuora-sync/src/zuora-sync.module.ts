import { Module } from '@nestjs/common';
import { loadConfigOrExit, readZuoraConfig } from '@subsync/config';
import { ZuoraClient } from '@subsync/zuora-client';
import { SyncRequestedController } from './sync-subscription/sync-requested.controller';
import { SyncZuoraSubscriptionService } from './sync-subscription/sync-zuora-subscription.service';
import { ZuoraSubscriptionWriter } from './sync-subscription/zuora-subscription.writer';

@Module({
  controllers: [SyncRequestedController],
  providers: [
    {
      provide: ZuoraClient,
      useFactory: () => new ZuoraClient(loadConfigOrExit(() => readZuoraConfig(process.env))),
    },
    SyncZuoraSubscriptionService,
    ZuoraSubscriptionWriter,
  ],
})
export class ZuoraSyncModule {}
