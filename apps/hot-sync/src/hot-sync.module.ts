import { Module } from '@nestjs/common';
import { loadConfigOrExit, readHotSyncConfig, readZuoraConfig } from '@subsync/config';
import { upstreamCallObserver } from '@subsync/metrics';
import { UpstreamBudgetLifecycle, zuoraTenantBudgets } from '@subsync/upstream-budget';
import { ZuoraClient } from '@subsync/zuora-client';
import { DataSource } from 'typeorm';
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
      inject: [DataSource, UpstreamBudgetLifecycle],
      // Hot sync calls the same Zuora tenant as zuora-sync: it draws from the same budgets.
      useFactory: (dataSource: DataSource, budgets: UpstreamBudgetLifecycle) => {
        const config = loadConfigOrExit(() => readZuoraConfig(process.env));
        const { v1, objectQuery } = zuoraTenantBudgets(dataSource, config);
        return new ZuoraClient({
          ...config,
          permits: budgets.register(v1, { provider: 'zuora', budget: 'v1' }),
          objectQueryPermits: budgets.register(objectQuery, {
            provider: 'zuora',
            budget: 'object-query',
          }),
          observer: upstreamCallObserver('zuora'),
        });
      },
    },
    HotSyncLoginService,
  ],
})
export class HotSyncModule {}
