/**
 * The hops every synchronous sync crosses, and nothing else: a process per role, talking over
 * the same Kafka and PostgreSQL as subsync, with no framework, no validation, no outbox, no
 * inbox and no tracing. What this reaches at 50 requests/s is the floor of S2 on the machine
 * (see s2-floor.scenario.ts). `BARE_ROLE` picks the role:
 * - `upstream`: answers every GET with a fixed JSON body, at once;
 * - `worker`: consumes a request, makes two sequential GETs upstream (a subscription, then its
 *   account), writes one row, produces the completion;
 * - `front`: takes a POST, writes one row, produces the request, answers when its completion
 *   arrives.
 */
import { createServer, get as httpGet, Agent } from 'node:http';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { Pool } from 'pg';
import { BARE_DONE_TOPIC, BARE_REQUESTS_TOPIC } from './bare-hops.topics';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
};

/** About the size of a Zuora subscription or account answer in the sandbox. */
const UPSTREAM_BODY = JSON.stringify({
  success: true,
  filler: 'x'.repeat(1_500),
});

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function getText(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = httpGet({ host: '127.0.0.1', port, path, agent }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve(body));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

function kafka(clientId: string): Kafka {
  return new Kafka({
    clientId,
    brokers: env('KAFKA_BROKERS').split(','),
    logLevel: logLevel.NOTHING,
  });
}

async function upstream(): Promise<void> {
  const server = createServer((_request, response) => {
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(UPSTREAM_BODY),
    });
    response.end(UPSTREAM_BODY);
  });
  await new Promise<void>((resolve) =>
    server.listen(Number(env('BARE_PORT')), '127.0.0.1', resolve),
  );
}

async function worker(): Promise<void> {
  const upstreamPort = Number(env('BARE_UPSTREAM_PORT'));
  const pool = new Pool({ connectionString: env('DATABASE_URL'), max: 8 });
  const client = kafka('bare-worker');
  const producer = client.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const consumer = client.consumer({ groupId: 'bench-bare-worker', maxWaitTimeInMs: 500 });
  await consumer.connect();
  await consumer.subscribe({ topic: BARE_REQUESTS_TOPIC, fromBeginning: true });
  await consumer.run({
    partitionsConsumedConcurrently: 12,
    eachMessage: async ({ message }) => {
      const ref = message.key!.toString();
      const subscription = await getText(upstreamPort, `/subscriptions/${ref}`);
      await getText(upstreamPort, `/accounts/${ref}`);
      await pool.query(
        `INSERT INTO bare_synced (ref, body) VALUES ($1, $2)
         ON CONFLICT (ref) DO UPDATE SET body = EXCLUDED.body`,
        [ref, subscription],
      );
      await producer.send({
        topic: BARE_DONE_TOPIC,
        acks: -1,
        messages: [{ key: ref, value: JSON.stringify({ ref, status: 'succeeded' }) }],
      });
    },
  });
}

async function front(): Promise<void> {
  const pool = new Pool({ connectionString: env('DATABASE_URL'), max: 8 });
  const client = kafka('bare-front');
  const producer = client.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const waiting = new Map<string, (body: string) => void>();
  const consumer = client.consumer({
    groupId: `bench-bare-front-${process.pid}`,
    maxWaitTimeInMs: 500,
  });
  await consumer.connect();
  await consumer.subscribe({ topic: BARE_DONE_TOPIC, fromBeginning: false });
  await consumer.run({
    eachMessage: ({ message }) => {
      const ref = message.key!.toString();
      waiting.get(ref)?.(message.value!.toString());
      waiting.delete(ref);
      return Promise.resolve();
    },
  });
  const server = createServer((request, response) => {
    const ref = decodeURIComponent(request.url!.split('/').pop()!);
    request.resume();
    void (async () => {
      await pool.query(`INSERT INTO bare_requests (ref) VALUES ($1)`, [ref]);
      const done = new Promise<string>((resolve) => waiting.set(ref, resolve));
      await producer.send({
        topic: BARE_REQUESTS_TOPIC,
        acks: -1,
        messages: [{ key: ref, value: JSON.stringify({ ref }) }],
      });
      const body = await done;
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      });
      response.end(body);
    })().catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) =>
    server.listen(Number(env('BARE_PORT')), '127.0.0.1', resolve),
  );
}

const roles: Record<string, () => Promise<void>> = { upstream, worker, front };
const role = process.env['BARE_ROLE'] ?? '';
const run = roles[role];
if (run === undefined) {
  process.stderr.write(`BARE_ROLE must be one of ${Object.keys(roles).join(', ')}\n`);
  process.exit(64);
}
run().then(
  () => process.stdout.write(`bare ${role} ready\n`),
  (error: unknown) => {
    process.stderr.write(`bare ${role} failed: ${String(error)}\n`);
    process.exit(1);
  },
);
process.on('SIGTERM', () => process.exit(0));
