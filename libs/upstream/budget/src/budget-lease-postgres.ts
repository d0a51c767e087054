import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { type AdaptOptions, adaptLimit, nextGrant } from './budget-allocation';

export type BudgetKind = 'concurrency' | 'rate';

/** Early rebalances (demand past the grant) come at most this often. */
const EARLY_REBALANCE_SPACING_MS = 100;

export interface BudgetLeaseOptions {
  dataSource: DataSource;
  /** The budget's name: one per upstream tenant or account (and per limit it has). */
  name: string;
  kind: BudgetKind;
  /** The configured limit (slots, or requests per second); every process should use the same. */
  ceiling: number;
  /** How this process appears among the holders; unique per process. */
  holder: string;
  /** How often the grant is renewed and rebalanced. Default 500 ms. */
  rebalanceIntervalMs?: number;
  /** How long a grant outlives its holder's last renewal (a dead process's share comes back then). Default 10 s. */
  leaseMs?: number;
  adapt?: Partial<AdaptOptions>;
}

interface BudgetRow {
  ceiling: number;
  current: number;
  decreased_at: Date | null;
  increased_at: Date;
  db_now: Date;
}

interface HolderRow {
  holder: string;
  granted: number;
  wanted: number;
}

/** Renewal must land this long before the lease ends on the database, or the grant is not used. */
const SAFETY_MARGIN_MS = 2_000;

/**
 * This process's share of an upstream budget held in PostgreSQL, so that every process calling
 * one upstream tenant (however many there are) stays within the tenant's limit together:
 * - each holder keeps a lease row (`granted`, `wanted`, expiring); rebalancing, a short
 *   transaction under a lock on the budget's row, moves each holder's grant towards its fair
 *   share, taking only what the other holders do not hold, so the grants never add up to more
 *   than the limit;
 * - a holder that stops renewing (a crashed process) loses its share when its lease expires,
 *   and a holder that cannot renew stops using its grant before then;
 * - a push-back from the upstream (a 429) shrinks the limit for everyone at once, and it grows
 *   back while none comes (AIMD, see {@link adaptLimit}).
 */
export class BudgetLeasePostgres {
  private readonly logger = new Logger(BudgetLeasePostgres.name);
  /** What this process may start new requests up to. */
  private allowance = 0;
  /** What it holds in the budget (its allowance, or more while requests drain). */
  private held = 0;
  private limitNow = 0;
  /** `performance.now()` after which the grant may no longer be used, unless renewed. */
  private validUntil = 0;
  private pushBacks = 0;
  private timer?: NodeJS.Timeout;
  private soon?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;
  /** Renewals failed in a row; the first is logged, then only the recovery. */
  private failures = 0;
  /** When the last rebalance began (performance.now()). */
  private lastRebalanceAt = Number.NEGATIVE_INFINITY;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly options: BudgetLeaseOptions,
    /** What the process would use now if it could, and what it uses; asked at each rebalance. */
    private readonly demand: () => { wanted: number; inUse: number },
  ) {}

  /** The grant this process may use now: nothing once its lease may have run out. */
  get granted(): number {
    return performance.now() < this.validUntil ? this.allowance : 0;
  }

  /** The limit in force for all holders together (below the ceiling after push-backs). */
  get limit(): number {
    return this.limitNow;
  }

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.rebalance();
    this.schedule();
  }

  /** Gives the grant back, so the other holders can use it at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.soon);
    await this.running;
    this.allowance = 0;
    this.held = 0;
    if (!this.options.dataSource.isInitialized) return; // its lease runs out on its own
    await this.options.dataSource
      .query('DELETE FROM upstream_budget_holders WHERE budget = $1 AND holder = $2', [
        this.options.name,
        this.options.holder,
      ])
      .catch((error: unknown) =>
        this.logger.warn(`${this.options.name}: could not give back the grant: ${String(error)}`),
      );
  }

  /**
   * Rebalance shortly: demand grew past the grant. Skipped while this process holds the whole
   * limit (a rebalance could give it nothing more), and at most one every
   * {@link EARLY_REBALANCE_SPACING_MS}: under load, requests wait for the grant all the time, and
   * a rebalance per wait would cost PostgreSQL a transaction per few milliseconds.
   */
  requestRebalance(): void {
    if (this.limitNow > 0 && this.allowance >= this.limitNow && this.pushBacks === 0) return;
    this.rebalanceSoon(EARLY_REBALANCE_SPACING_MS);
  }

  /** The upstream answered 429: the limit shrinks at the next rebalance, which comes at once. */
  pushedBack(): void {
    this.pushBacks += 1;
    this.rebalanceSoon(0);
  }

  private rebalanceSoon(spacingMs: number): void {
    if (this.stopped || this.soon) return;
    const wait = Math.max(5, this.lastRebalanceAt + spacingMs - performance.now());
    this.soon = setTimeout(() => {
      this.soon = undefined;
      void this.rebalance();
    }, wait);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.rebalance().finally(() => this.schedule());
    }, this.options.rebalanceIntervalMs ?? 500);
  }

  private rebalance(): Promise<void> {
    // One at a time; a request meanwhile is served by the one running.
    this.running ??= this.rebalanceOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async rebalanceOnce(): Promise<void> {
    const { dataSource, name, kind, ceiling, holder } = this.options;
    const leaseMs = this.options.leaseMs ?? 10_000;
    const startedAt = performance.now();
    this.lastRebalanceAt = startedAt;
    const pushBacks = this.pushBacks;
    try {
      const grant = await dataSource.transaction(async (manager) => {
        // The upsert locks the budget's row: rebalances of one budget run one after another.
        const [budget]: BudgetRow[] = await manager.query(
          `INSERT INTO upstream_budgets (name, kind, ceiling, current, increased_at)
           VALUES ($1, $2, $3, $3, now())
           ON CONFLICT (name) DO UPDATE SET ceiling = EXCLUDED.ceiling
           RETURNING ceiling, current, decreased_at, increased_at, now() AS db_now`,
          [name, kind, ceiling],
        );
        const others: HolderRow[] = await manager.query(
          `WITH expired AS (
             DELETE FROM upstream_budget_holders WHERE budget = $1 AND expires_at < now()
           )
           SELECT holder, granted, wanted FROM upstream_budget_holders
            WHERE budget = $1 AND holder <> $2 AND expires_at >= now()`,
          [name, holder],
        );
        const adapted = adaptLimit(
          {
            ceiling: budget!.ceiling,
            current: budget!.current,
            decreasedAt: budget!.decreased_at,
            increasedAt: budget!.increased_at,
          },
          pushBacks > 0,
          budget!.db_now,
          {
            decreaseFactor: 0.75,
            increasePerSecond: Math.max(1, budget!.ceiling * 0.05),
            holdMs: 1_000,
            floor: 1,
            ...this.options.adapt,
          },
        );
        const whole = kind === 'concurrency';
        const limit = whole ? Math.floor(adapted.current) : adapted.current;
        const { wanted, inUse } = this.demand();
        const grant = nextGrant({
          limit,
          me: { id: holder, granted: this.held, wanted: Math.min(wanted, budget!.ceiling) },
          others: others.map((row) => ({
            id: row.holder,
            granted: Number(row.granted),
            wanted: Number(row.wanted),
          })),
          inUse,
          whole,
        });
        await manager.query(
          `INSERT INTO upstream_budget_holders (budget, holder, granted, wanted, expires_at)
           VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))
           ON CONFLICT (budget, holder) DO UPDATE SET granted = EXCLUDED.granted,
             wanted = EXCLUDED.wanted, expires_at = EXCLUDED.expires_at`,
          [name, holder, grant.held, wanted, leaseMs / 1000],
        );
        await manager.query(
          `UPDATE upstream_budgets SET current = $2, decreased_at = $3, increased_at = $4
            WHERE name = $1`,
          [name, adapted.current, adapted.decreasedAt, adapted.increasedAt],
        );
        this.limitNow = limit;
        return grant;
      });
      this.pushBacks -= pushBacks;
      this.allowance = grant.allowance;
      this.held = grant.held;
      this.validUntil = startedAt + leaseMs - SAFETY_MARGIN_MS;
      this.listeners.forEach((listener) => listener());
      if (this.failures > 0) {
        this.logger.log(
          `${name}: renewed this process's share again after ${this.failures} failures`,
        );
        this.failures = 0;
      }
    } catch (error) {
      if (this.failures++ === 0) {
        this.logger.warn(
          `${name}: renewing this process's share of the budget failed (retrying quietly; the share lapses when its lease ends): ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }
}
