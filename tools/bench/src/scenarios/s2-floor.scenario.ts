import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import {
  getFreePort,
  SERVICE_NODE_ARGS,
  type ServiceProcess,
  startServiceProcess,
} from '@subsync/local-infra';
import { GatewayClient } from '../clients/gateway.client';
import { BARE_DONE_TOPIC, BARE_REQUESTS_TOPIC } from '../floor/bare-hops.topics';
import type { BenchContext, ScenarioOutcome } from './bench.context';
import { LATENCY_RATE_PER_SECOND, measureLatency } from './s2-latency.scenario';

/** As many partitions as subsync's topics have by default (KAFKA_TOPIC_PARTITIONS). */
const PARTITIONS = 12;

/**
 * S2f: the same open loop as S2, through the hops alone (bare-hops.main.ts): HTTP in, a row
 * written, Kafka to a worker, two upstream calls, a row written, Kafka back, HTTP out. It runs
 * just before S2, on the same Kafka and PostgreSQL (warm by then when S1 ran first), and measures
 * what this machine allows a synchronous sync at that rate before any of subsync's own work.
 */
export async function runBareHops(
  ctx: BenchContext,
  databaseUrl: string,
): Promise<ScenarioOutcome> {
  await prepare(ctx, databaseUrl);
  const [upstreamPort, frontPort] = [await getFreePort(), await getFreePort()];
  const started: ServiceProcess[] = [];
  const start = async (role: string, env: Record<string, string>) => {
    const service = await startServiceProcess({
      name: `bare-${role}`,
      script: join(ctx.system.root, 'dist', 'tools', 'bench', 'src', 'floor', 'bare-hops.main.js'),
      env: {
        BARE_ROLE: role,
        DATABASE_URL: databaseUrl,
        KAFKA_BROKERS: ctx.system.kafka.brokers.join(','),
        ...env,
      },
      cwd: ctx.system.root,
      nodeArgs: [...SERVICE_NODE_ARGS],
      readyWhen: (line) => line.includes(`bare ${role} ready`),
      timeoutMs: 60_000,
    });
    started.push(service);
    ctx.sampler.label(service.pid, `S2f bare-${role}`);
  };
  const client = new GatewayClient(`http://127.0.0.1:${frontPort}`, 'unused', 30_000);
  try {
    await start('upstream', { BARE_PORT: String(upstreamPort) });
    await start('worker', { BARE_UPSTREAM_PORT: String(upstreamPort) });
    await start('front', { BARE_PORT: String(frontPort) });
    let n = 0;
    const measured = await measureLatency(
      ctx,
      () => `BARE-${(n += 1)}`,
      (ref) => client.syncZuoraSubscription(ref),
    );
    return {
      key: 'S2f',
      title: `The bare hops at ${LATENCY_RATE_PER_SECOND} requests/s (no subsync code: the floor for S2)`,
      ...measured,
    };
  } finally {
    client.close();
    await Promise.all(started.map((service) => service.stop()));
  }
}

async function prepare(ctx: BenchContext, databaseUrl: string): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(`CREATE TABLE IF NOT EXISTS bare_requests (
                      id bigserial PRIMARY KEY, ref text NOT NULL, at timestamptz DEFAULT now());
                    CREATE TABLE IF NOT EXISTS bare_synced (ref text PRIMARY KEY, body text)`);
  } finally {
    await db.end();
  }
  const admin = new Kafka({
    clientId: 'bench-bare-admin',
    brokers: ctx.system.kafka.brokers,
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [BARE_REQUESTS_TOPIC, BARE_DONE_TOPIC].map((topic) => ({
        topic,
        numPartitions: PARTITIONS,
      })),
    });
  } finally {
    await admin.disconnect();
  }
}
