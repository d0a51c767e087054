import { z } from 'zod';
import { parseInput } from '@subsync/sandbox-kit';
import type { SegmentShape } from '../store/sandbox.records';

/** How the sandbox's API gateway behaves; changeable while it runs. */
export interface GatewaySettings {
  /** Every API request (`/v1`, `/object-query`, `/oauth/token`) is answered after this wait. */
  latencyMs: number;
  /** `/v1` requests in flight before 429 (Zuora's default limit is 40). */
  concurrencyLimit: number;
  /** `/object-query` requests in flight before 429 (Zuora gives Object Query its own 80). */
  objectQueryConcurrencyLimit: number;
  /**
   * How `charge-detail=all-segments` renders charge segments: `rich` (every charge field on each
   * segment) or `lean` (only the fields of Zuora's segment model, as the real API may).
   */
  segmentShape: SegmentShape;
}

export type GatewaySettingsPatch = Partial<GatewaySettings>;

/** What the gateway has counted since the sandbox started or the stats were last reset. */
export interface GatewayStats {
  /** `/v1` requests holding a concurrency slot now. */
  inFlight: number;
  maxInFlight: number;
  /** `/object-query` requests holding a slot of their own limit now. */
  objectQueryInFlight: number;
  maxObjectQueryInFlight: number;
  /** API requests that got past the limits and the fault queue and were answered. */
  served: number;
  /** 429s given because a concurrency limit was reached. */
  rejectedConcurrency: number;
  /** 429s given because the per-minute rate limit was reached. */
  rejectedRate: number;
}

export const gatewaySettingsPatchSchema = z.strictObject({
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  concurrencyLimit: z.number().int().min(1).max(100_000).optional(),
  objectQueryConcurrencyLimit: z.number().int().min(1).max(100_000).optional(),
  segmentShape: z.enum(['rich', 'lean']).optional(),
});

/** Requests in flight against one concurrency limit, and the most there have been at once. */
export class ConcurrencyPool {
  private current = 0;
  private highest = 0;

  constructor(
    /** `Concurrency-Limit-Type` as Zuora names it. */
    readonly type: 'Default' | 'Object Query',
  ) {}

  get inFlight(): number {
    return this.current;
  }

  get maxInFlight(): number {
    return this.highest;
  }

  /** Takes a slot unless `limit` are taken already. */
  tryAcquire(limit: number): boolean {
    if (this.current >= limit) return false;
    this.current += 1;
    this.highest = Math.max(this.highest, this.current);
    return true;
  }

  release(): void {
    this.current -= 1;
  }

  /** The maximum starts again from the requests in flight now. */
  resetMax(): void {
    this.highest = this.current;
  }
}

/** The gateway's settings and counters, shared by its middleware and the admin API. */
export class GatewayState {
  readonly v1 = new ConcurrencyPool('Default');
  readonly objectQuery = new ConcurrencyPool('Object Query');
  served = 0;
  rejectedConcurrency = 0;
  rejectedRate = 0;
  private current: GatewaySettings;

  constructor(initial: GatewaySettings) {
    this.current = { ...initial };
    this.configure(initial);
  }

  get settings(): GatewaySettings {
    return { ...this.current };
  }

  /** Changes the given settings; throws a SandboxInputError (400) for a bad value. */
  configure(patch: GatewaySettingsPatch): GatewaySettings {
    const parsed = parseInput(gatewaySettingsPatchSchema, patch, 'settings');
    this.current = { ...this.current, ...parsed };
    return this.settings;
  }

  limitOf(pool: ConcurrencyPool): number {
    return pool === this.objectQuery
      ? this.current.objectQueryConcurrencyLimit
      : this.current.concurrencyLimit;
  }

  stats(): GatewayStats {
    return {
      inFlight: this.v1.inFlight,
      maxInFlight: this.v1.maxInFlight,
      objectQueryInFlight: this.objectQuery.inFlight,
      maxObjectQueryInFlight: this.objectQuery.maxInFlight,
      served: this.served,
      rejectedConcurrency: this.rejectedConcurrency,
      rejectedRate: this.rejectedRate,
    };
  }

  /** Zeroes the counters; the maxima restart from what is in flight now. */
  resetStats(): void {
    this.v1.resetMax();
    this.objectQuery.resetMax();
    this.served = 0;
    this.rejectedConcurrency = 0;
    this.rejectedRate = 0;
  }
}
