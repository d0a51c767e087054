import { bulkSubscriptionNumber } from '@subsync/zuora-sandbox';
import type { GatewayClient } from '../clients/gateway.client';
import type { SandboxAdminClient } from '../clients/sandbox-admin.client';
import { type CpuUsage, ProcessSampler } from '../measure/process.sampler';
import type { BenchOptions } from '../options/bench.options';
import type { BenchSystem } from '../system/bench.system';

/** What every scenario works with. */
export interface BenchContext {
  options: BenchOptions;
  system: BenchSystem;
  sandbox: SandboxAdminClient;
  /** Set while the services run. */
  gateway?: GatewayClient;
  sampler: ProcessSampler;
  refs: RefAllocator;
  signal: AbortSignal;
  say: (line: string) => void;
}

/** One measured part of a scenario: figures for results.json and lines for the report. */
export interface ScenarioOutcome {
  /** e.g. `S1a` or `S3b`; the report groups parts under their scenario. */
  key: string;
  title: string;
  result: Record<string, unknown>;
  lines: string[];
}

export function requireGateway(ctx: BenchContext): GatewayClient {
  if (!ctx.gateway) throw new Error('the services are not running');
  return ctx.gateway;
}

/** Hands out bulk-seeded subscriptions no scenario has synced yet, seeding them on demand. */
export class RefAllocator {
  private nextIndex = 1;

  constructor(private readonly sandbox: SandboxAdminClient) {}

  /** Seeds `count` new subscriptions in the sandbox; `next()` gives each once, then undefined. */
  async take(count: number): Promise<{ next: () => string | undefined; all: string[] }> {
    const start = this.nextIndex;
    this.nextIndex += count;
    await this.sandbox.bulkSeed(count, start);
    const all = Array.from({ length: count }, (_, i) => bulkSubscriptionNumber(start + i));
    let taken = 0;
    return { all, next: () => (taken < all.length ? all[taken++] : undefined) };
  }
}

/** Runs `work` and measures the CPU every process used meanwhile. */
export async function withCpu<T>(
  sampler: ProcessSampler,
  work: (window: { start: () => void; end: () => void }) => Promise<T>,
): Promise<{ value: T; cpu: CpuUsage }> {
  let before = sampler.snapshot();
  let after: ReturnType<ProcessSampler['snapshot']> | undefined;
  const value = await work({
    start: () => (before = sampler.snapshot()),
    end: () => (after = sampler.snapshot()),
  });
  return { value, cpu: ProcessSampler.usage(before, after ?? sampler.snapshot()) };
}

/**
 * `gateway 95 %, zuora-sync#1 60 %, …; other work 20 %; stolen 10 %; machine 97 % busy` (percent
 * of one core each): what limited a figure, and whether someone else's work on the machine, or
 * another guest of the hypervisor (steal), took a share.
 */
export function formatCpu(cpu: CpuUsage): string {
  const parts = Object.entries(cpu.percentOfCore)
    .filter(([, percent]) => percent >= 1)
    .sort(([, a], [, b]) => b - a)
    .map(([group, percent]) => `${group} ${Math.round(percent)} %`);
  return `CPU (% of one core): ${parts.join(', ')}; other work on the machine ${cpu.othersPercentOfCore} %; stolen by the hypervisor ${Math.round(cpu.stealPercentOfCore)} %; machine ${Math.round(cpu.machineBusyPercent)} % busy (all cores = 100 %, steal included)`;
}

/** Waits until the gateway holds no queued Event: nothing of one scenario spills into the next. */
export async function drain(ctx: BenchContext, timeoutMs = 180_000): Promise<void> {
  const gateway = requireGateway(ctx);
  const deadline = Date.now() + timeoutMs;
  while (!ctx.signal.aborted) {
    const answer = await gateway.get('/api/events?status=queued&limit=1');
    const data = (answer.body as { data?: unknown[] } | null)?.data;
    if (answer.status === 200 && Array.isArray(data) && data.length === 0) return;
    if (Date.now() > deadline) {
      ctx.say(`  (still queued Events after ${timeoutMs / 1000} s; going on)`);
      return;
    }
    await sleep(1_000);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `{"200": 1270, "202": 3}` as `200 × 1270, 202 × 3`. */
export function formatStatuses(statuses: Record<string, number>): string {
  const entries = Object.entries(statuses).sort(([a], [b]) => Number(a) - Number(b));
  if (entries.length === 0) return 'none';
  return entries.map(([status, n]) => `${status === '0' ? 'no answer' : status} × ${n}`).join(', ');
}

/** Answers other than 200, by status. */
export function nonOk(statuses: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(statuses).filter(([status]) => status !== '200'));
}
