import { createHash } from 'node:crypto';
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { StripeConfig, ZuoraConfig } from '@subsync/config';
import { upstreamBudgetSources } from '@subsync/metrics';
import { SharedConcurrencyPostgres } from './shared-concurrency-postgres';
import { SharedRatePostgres } from './shared-rate-postgres';

/**
 * A Zuora tenant's concurrency limits, shared by every process that calls it with the same base
 * URL and OAuth client: `/v1` (40 by default) and Object Query (80), which Zuora counts apart.
 */
export function zuoraTenantBudgets(
  dataSource: DataSource,
  config: Pick<
    ZuoraConfig,
    'baseUrl' | 'clientId' | 'maxConcurrency' | 'objectQueryMaxConcurrency'
  >,
): { v1: SharedConcurrencyPostgres; objectQuery: SharedConcurrencyPostgres } {
  const tenant = `zuora|${config.baseUrl}|${config.clientId}`;
  return {
    v1: new SharedConcurrencyPostgres({
      dataSource,
      name: `${tenant}|v1`,
      limit: config.maxConcurrency,
    }),
    objectQuery: new SharedConcurrencyPostgres({
      dataSource,
      name: `${tenant}|object-query`,
      limit: config.objectQueryMaxConcurrency,
    }),
  };
}

/** A Stripe account's request rate, shared by every process that uses the same key on the same API. */
export function stripeAccountBudget(
  dataSource: DataSource,
  config: Pick<StripeConfig, 'apiBase' | 'apiKey' | 'requestsPerSecond'>,
): SharedRatePostgres {
  // The key itself never leaves the process: the budget is named by a digest of it.
  const account = createHash('sha256').update(config.apiKey).digest('hex').slice(0, 16);
  return new SharedRatePostgres({
    dataSource,
    name: `stripe|${config.apiBase}|${account}`,
    perSecond: config.requestsPerSecond,
  });
}

interface Lifecycle {
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly state: { granted: number; waiting: number; limit: number; inUse?: number };
}

/** How a budget is named in the metrics: `zuora` `v1`, `zuora` `object-query`, `stripe` `rate`. */
export interface BudgetLabels {
  provider: string;
  budget: string;
}

/**
 * Starts a service's budgets before its consumer runs, and gives their shares back after the
 * consumer has drained, so other processes can use them at once. Each budget's state is read
 * into the `subsync_upstream_budget_*` gauges when metrics are scraped.
 */
@Injectable()
export class UpstreamBudgetLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly budgets: Lifecycle[] = [];
  private readonly unreported: (() => void)[] = [];

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The Zuora tenant's budgets ({@link zuoraTenantBudgets}), registered. */
  zuoraTenant(config: Parameters<typeof zuoraTenantBudgets>[1]): {
    v1: SharedConcurrencyPostgres;
    objectQuery: SharedConcurrencyPostgres;
  } {
    const { v1, objectQuery } = zuoraTenantBudgets(this.dataSource, config);
    return {
      v1: this.register(v1, { provider: 'zuora', budget: 'v1' }),
      objectQuery: this.register(objectQuery, { provider: 'zuora', budget: 'object-query' }),
    };
  }

  /** The Stripe account's request rate ({@link stripeAccountBudget}), registered. */
  stripeAccount(config: Parameters<typeof stripeAccountBudget>[1]): SharedRatePostgres {
    return this.register(stripeAccountBudget(this.dataSource, config), {
      provider: 'stripe',
      budget: 'rate',
    });
  }

  register<T extends Lifecycle>(budget: T, labels: BudgetLabels): T {
    this.budgets.push(budget);
    this.unreported.push(upstreamBudgetSources.add(() => [{ ...labels, ...budget.state }]));
    return budget;
  }

  async onApplicationBootstrap(): Promise<void> {
    await Promise.all(this.budgets.map((budget) => budget.start()));
  }

  async onApplicationShutdown(): Promise<void> {
    this.unreported.splice(0).forEach((remove) => remove());
    await Promise.all(this.budgets.map((budget) => budget.stop()));
  }
}
