import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { createDataSource, runMigrations } from '@subsync/persistence';
import { KAFKA_VERSION } from '@subsync/local-infra';
import { GatewayClient, signBenchToken } from './clients/gateway.client';
import { SandboxAdminClient } from './clients/sandbox-admin.client';
import { ProcessSampler } from './measure/process.sampler';
import {
  BENCH_USAGE,
  type BenchOptions,
  BenchUsageError,
  parseBenchOptions,
  type ScenarioId,
} from './options/bench.options';
import { type BenchRun, formatReport, type MachineInfo } from './report/bench.report';
import { type BenchContext, RefAllocator, type ScenarioOutcome } from './scenarios/bench.context';
import { runPostgresPerEvent } from './scenarios/s0-postgres.scenario';
import {
  kafkaRoundTripSize,
  runHttpThroughput,
  runIdle,
  runKafkaThroughput,
} from './scenarios/s1-throughput.scenario';
import { billRun } from './scenarios/s6-rows-read.scenario';
import { runBareHops } from './scenarios/s2-floor.scenario';
import { runLatency } from './scenarios/s2-latency.scenario';
import { runSlowUpstream } from './scenarios/s3-slow-upstream.scenario';
import { runCoalescing } from './scenarios/s4-coalescing.scenario';
import { runBackfill } from './scenarios/s7-backfill.scenario';
import { runRowsRead } from './scenarios/s6-rows-read.scenario';
import { BenchSystem, SYNC_WAIT_TIMEOUT_MS } from './system/bench.system';

// `npm run bench`: starts subsync as `npm start` does (in temporary directories), runs the
// scenarios of docs/benchmarks.md, prints a report and writes test-output/bench/results.json.
// Ctrl-C stops everything it started.

const root = resolve(__dirname, '..', '..', '..', '..');
const resultsDir = join(root, 'test-output', 'bench');
const stops: { name: string; stop: () => Promise<void> }[] = [];
const abort = new AbortController();
let shuttingDown = false;

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  let options: BenchOptions;
  try {
    options = parseBenchOptions(process.argv.slice(2));
  } catch (error) {
    if (error instanceof BenchUsageError) {
      say(`${error.message}\n${BENCH_USAGE}`);
      process.exit(64); // EX_USAGE
    }
    throw error;
  }
  const started = new Date();
  const loadAverageAtStart = loadavg().map((n) => Math.round(n * 100) / 100);
  const sampler = new ProcessSampler();
  sampler.start();
  const wants = (id: ScenarioId) => options.only.includes(id);

  const system = await BenchSystem.start(root, sampler, say, (name, stop) =>
    stops.unshift({ name, stop }),
  );
  const mainDatabase = await system.postgres.createDatabase('subsync_bench');
  await migrate(mainDatabase);
  const sandbox = new SandboxAdminClient(system.sandboxUrl);
  const ctx: BenchContext = {
    options,
    system,
    sandbox,
    sampler,
    refs: new RefAllocator(sandbox),
    signal: abort.signal,
    say,
  };
  const outcomes: ScenarioOutcome[] = [];
  const failures: { scenario: string; error: string }[] = [];
  const run = async (key: string, scenario: () => Promise<ScenarioOutcome>): Promise<void> => {
    if (abort.signal.aborted) return;
    say(`\n${key} …`);
    try {
      const outcome = await scenario();
      outcomes.push(outcome);
      say(`[${outcome.key}] ${outcome.title}`);
      outcome.lines.forEach((line) => say(`  ${line}`));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failures.push({ scenario: key, error: message });
      say(`[${key}] FAILED: ${message}`);
    }
  };

  if (wants('S0')) await run('S0', () => runPostgresPerEvent(ctx, mainDatabase));

  const token = await signBenchToken(system.jwtSecret);
  const connect = () => {
    ctx.gateway?.close();
    ctx.gateway = new GatewayClient(system.gatewayUrl, token, SYNC_WAIT_TIMEOUT_MS + 30_000);
  };
  if (wants('S1') || wants('S2') || wants('S3') || wants('S4')) {
    say('\nstarting gateway and one zuora-sync…');
    await system.startServices(mainDatabase, 1);
    connect();
    if (wants('S1')) await run('S1idle', () => runIdle(ctx));
    if (wants('S1')) await run('S1a', () => runHttpThroughput(ctx, 1));
    // Imports over Kafka, then the same subscriptions again after a bill run (refreshes).
    const kafkaRefs = wants('S1') ? await ctx.refs.take(kafkaRoundTripSize(ctx)) : { all: [] };
    const imported = { key: 'S1b', what: 'imports', zuoraSyncProcesses: 1 } as const;
    const refreshed = {
      key: 'S1c',
      what: 'refreshes after a bill run',
      zuoraSyncProcesses: 1,
    } as const;
    if (wants('S1')) await run('S1b', () => runKafkaThroughput(ctx, kafkaRefs, imported));
    if (wants('S1')) {
      await billRun(ctx, kafkaRefs.all);
      await run('S1c', () => runKafkaThroughput(ctx, kafkaRefs, refreshed));
    }
    if (wants('S2')) {
      // Just before S2, on the same warm broker and database server; subsync's services are up
      // but idle meanwhile (about a tenth of a core, see S1idle).
      const bareDatabase = await system.postgres.createDatabase('subsync_bench_bare');
      await run('S2f', () => runBareHops(ctx, bareDatabase));
      await run('S2', () => runLatency(ctx));
    }
    if (wants('S4')) await run('S4', () => runCoalescing(ctx));
    if (wants('S3')) await run('S3', () => runSlowUpstream(ctx, 1));
    if ((wants('S1') || wants('S3')) && !abort.signal.aborted) {
      say('\nstarting a second zuora-sync…');
      await system.startZuoraSync(2);
      // The group rebalances when the second member joins; let that settle before measuring.
      await new Promise((r) => setTimeout(r, options.quick ? 3_000 : 8_000));
      if (wants('S1')) await run('S1a2', () => runHttpThroughput(ctx, 2));
      if (wants('S1')) {
        const refs = await ctx.refs.take(kafkaRoundTripSize(ctx));
        const twoImports = { key: 'S1b2', what: 'imports', zuoraSyncProcesses: 2 } as const;
        await run('S1b2', () => runKafkaThroughput(ctx, refs, twoImports));
        await billRun(ctx, refs.all);
        const twoRefreshes = {
          key: 'S1c2',
          what: 'refreshes after a bill run',
          zuoraSyncProcesses: 2,
        } as const;
        await run('S1c2', () => runKafkaThroughput(ctx, refs, twoRefreshes));
      }
      if (wants('S3')) await run('S3b', () => runSlowUpstream(ctx, 2));
    }
    await system.stopServices();
  }
  if (wants('S6') && !abort.signal.aborted) {
    // Its own database, so that its sizes are what it says whatever ran before.
    const s6Database = await system.postgres.createDatabase('subsync_bench_s6');
    await migrate(s6Database);
    say('\nstarting gateway and one zuora-sync on the S6 database…');
    await system.startServices(s6Database, 1, '@S6');
    connect();
    await run('S6', () => runRowsRead(ctx, s6Database));
    await system.stopServices();
  }
  if (wants('S7') && !abort.signal.aborted) {
    // A tenant imported into an empty database, as a platform adopting subsync starts.
    const s7Database = await system.postgres.createDatabase('subsync_bench_s7');
    await migrate(s7Database);
    say('\nstarting gateway and one zuora-sync on the S7 database…');
    await system.startServices(s7Database, 1, '@S7');
    connect();
    await run('S7', () => runBackfill(ctx));
    await system.stopServices();
  }
  ctx.gateway?.close();
  sampler.stop();
  addRatioToS0(outcomes);

  const finished = new Date();
  const result: BenchRun = {
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationSeconds: (finished.getTime() - started.getTime()) / 1000,
    quick: options.quick,
    scenarios: options.only,
    machine: await machineInfo(mainDatabase, loadAverageAtStart),
    tuning: BenchSystem.tuning(),
    serviceLogLines: system.logLineCounts(),
    outcomes,
    memory: wants('S5') ? sampler.memoryPeaks() : [],
    failures,
  };
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'results.json'), `${JSON.stringify(result, null, 2)}\n`);
  say(`\n${'='.repeat(100)}\n${formatReport(result)}`);
  say(`\nresults: ${join(resultsDir, 'results.json')}`);
  await shutdown(failures.length > 0 || abort.signal.aborted ? 1 : 0);
}

async function migrate(databaseUrl: string): Promise<void> {
  const dataSource = createDataSource(databaseUrl, 'subsync-bench');
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** S1's syncs/s as a share of what PostgreSQL alone does per event (S0). */
function addRatioToS0(outcomes: ScenarioOutcome[]): void {
  const s0 = outcomes.find((o) => o.key === 'S0')?.result.txPerSecond;
  if (typeof s0 !== 'number' || s0 === 0) return;
  for (const outcome of outcomes) {
    const rate =
      outcome.key.startsWith('S1a') ||
      outcome.key.startsWith('S1b') ||
      outcome.key.startsWith('S1c')
        ? (outcome.result.okPerSecond ?? outcome.result.perSecond)
        : undefined;
    if (typeof rate !== 'number') continue;
    const percent = Math.round((rate / s0) * 1000) / 10;
    outcome.result.ratioToS0Percent = percent;
    outcome.lines.push(`= ${percent} % of S0's ${s0} per-event transactions/s`);
  }
}

async function machineInfo(
  databaseUrl: string,
  loadAverageAtStart: number[],
): Promise<MachineInfo> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
  await client.end();
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    postgres: rows[0]?.server_version ?? 'unknown',
    kafka: KAFKA_VERSION,
    os: `${process.platform} ${release()}`,
    loadAverageAtStart,
  };
}

async function shutdown(code: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  abort.abort();
  say('\nstopping…');
  for (const { name, stop } of stops) {
    try {
      await stop();
    } catch (error) {
      say(
        `could not stop ${name} cleanly: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  process.exit(code);
}

process.on('SIGINT', () => {
  if (shuttingDown) {
    say('stopping already; Ctrl-C again is ignored while processes exit');
    return;
  }
  say('\ninterrupted: stopping everything this started…');
  void shutdown(130);
});
process.on('SIGTERM', () => void shutdown(143));
main().catch((error: unknown) => {
  say(error instanceof Error ? (error.stack ?? error.message) : String(error));
  void shutdown(1);
});
