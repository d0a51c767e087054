import { Module } from '@nestjs/common';
import { loadConfigOrExit, readHotSyncConfig, readZuoraConfig } from '@subsync/config';
import { ZuoraClient } from '@subsync/zuora-client';
import { HOT_SYNC_CONFIG } from './hot-sync.tokens';
import { HotSyncLoginService } from './login/hot-sync-login.service';
import { IdentityLoginController } from './login/identity-login.controller';

@Module({
  controllers: [IdentityLoginController],
  providers: [
    {
      provide: HOT_SYNC_CONFIG,
      useFactory: () => loadConfigOrExit(() => readHotSyncConfig(process.env)),
    },
    {
      provide: ZuoraClient,
      useFactory: () => new ZuoraClient(loadConfigOrExit(() => readZuoraConfig(process.env))),
    },
    HotSyncLoginService,
  ],
})
export class HotSyncModule {}
