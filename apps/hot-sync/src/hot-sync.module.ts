import { Module } from '@nestjs/common';
import { loadConfigOrExit, readHotSyncConfig, readZuoraConfig } from '@subsync/config';
import { upstreamCallObserver } from '@subsync/metrics';
import { UpstreamBudgetLifecycle } from '@subsync/upstream-budget';
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
    UpstreamBudgetLifecycle,
    {
      provide: ZuoraClient,
      inject: [UpstreamBudgetLifecycle],
      // Hot sync calls the same Zuora tenant as zuora-sync: it draws from the same budgets.
      useFactory: (budgets: UpstreamBudgetLifecycle) => {
        const config = loadConfigOrExit(() => readZuoraConfig(process.env));
        const { v1, objectQuery } = budgets.zuoraTenant(config);
        return new ZuoraClient({
          ...config,
          permits: v1,
          objectQueryPermits: objectQuery,
          observer: upstreamCallObserver('zuora'),
        });
      },
    },
    HotSyncLoginService,
  ],
})
export class HotSyncModule {}
