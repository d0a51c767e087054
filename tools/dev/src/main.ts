import 'reflect-metadata';
import { join, resolve } from 'node:path';
import {
  loadConfigOrExit,
  optionalInt,
  readGatewayConfig,
  readInfraConfig,
  readOpsHttpConfig,
} from '@subsync/config';
import { SERVICE_NODE_ARGS, startKafka, startPostgres } from '@subsync/local-infra';
import {
  createStripeSandbox,
  STRIPE_SANDBOX_API_KEY,
  STRIPE_SANDBOX_DEFAULT_PORT,
  STRIPE_SANDBOX_WEBHOOK_SECRET,
  type StripeSandbox,
} from '@subsync/stripe-sandbox';
import {
  createZuoraSandbox,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  ZUORA_SANDBOX_DEFAULT_PORT,
} from '@subsync/zuora-sandbox';
import { applyMigrations } from './apply-migrations';
import { ALL_ROLES, signOperatorToken } from './dev-token';
import { formatServiceLine } from './log-format';
import { loadOrCreateSecretsKey } from './secrets-key-file';
import { SupervisedService } from './supervised-service';

// `npm start`: the whole system on one machine. Whatever is not configured is started here:
// PostgreSQL, Kafka and the Zuora and Stripe sandboxes. Ctrl-C stops everything this started.

const SERVICES = ['gateway', 'zuora-sync', 'stripe-sync', 'hot-sync'] as const;
/** The gateway's Stripe webhook route (CONTRACTS.md §3). */
const STRIPE_WEBHOOK_PATH = '/api/webhooks/stripe';
const root = resolve(__dirname, '..', '..', '..', '..');
const stateDir = join(root, '.subsync');
const stops: { name: string; stop: () => Promise<void> }[] = [];
let shuttingDown = false;

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env };

  if (!env.DATABASE_URL) {
    say('starting embedded PostgreSQL (data in .subsync/postgres)…');
    const dataDir = join(stateDir, 'postgres');
    const postgres = await startPostgres({ dataDir });
    if (postgres.dataDir !== undefined && postgres.dataDir !== dataDir) {
      say(
        `the "postgres" user cannot enter this folder: PostgreSQL's data is in ${postgres.dataDir}`,
      );
    }
    stops.unshift({ name: 'PostgreSQL', stop: () => postgres.stop() });
    env.DATABASE_URL = await postgres.createDatabase('subsync');
  }
  if (!env.KAFKA_BROKERS) {
    say('starting local Apache Kafka (data in .subsync/kafka)…');
    const kafka = await startKafka({ dataDir: join(stateDir, 'kafka') });
    stops.unshift({ name: 'Kafka', stop: () => kafka.stop() });
    env.KAFKA_BROKERS = kafka.brokers.join(',');
  }
  // The seed-size switch: this many more subscriptions in each sandbox, to try a backfill.
  const bulk = loadConfigOrExit(() =>
    optionalInt(env, 'SANDBOX_BULK_SUBSCRIPTIONS', 0, { min: 0, max: 100_000 }),
  );
  if (!env.ZUORA_BASE_URL) {
    const sandbox = await createZuoraSandbox({
      port: loadConfigOrExit(() =>
        optionalInt(env, 'ZUORA_SANDBOX_PORT', ZUORA_SANDBOX_DEFAULT_PORT, { min: 0, max: 65_535 }),
      ),
      seed: 'demo',
    });
    stops.unshift({ name: 'Zuora sandbox', stop: () => sandbox.close() });
    env.ZUORA_BASE_URL = sandbox.url;
    env.ZUORA_CLIENT_ID ??= SANDBOX_CLIENT_ID;
    env.ZUORA_CLIENT_SECRET ??= SANDBOX_CLIENT_SECRET;
    if (bulk > 0) sandbox.seedBulk({ subscriptions: bulk });
    say(`Zuora sandbox on ${sandbox.url} (demo data${bulk > 0 ? ` and ${bulk} more` : ''})`);
  }

  let stripeSandbox: StripeSandbox | null = null;
  if (!env.STRIPE_API_BASE) {
    const stripe = await createStripeSandbox({
      port: loadConfigOrExit(() =>
        optionalInt(env, 'STRIPE_SANDBOX_PORT', STRIPE_SANDBOX_DEFAULT_PORT, {
          min: 0,
          max: 65_535,
        }),
      ),
      seed: 'demo',
    });
    stops.unshift({ name: 'Stripe sandbox', stop: () => stripe.close() });
    env.STRIPE_API_BASE = stripe.url;
    env.STRIPE_API_KEY ??= STRIPE_SANDBOX_API_KEY;
    env.STRIPE_WEBHOOK_SECRET ??= STRIPE_SANDBOX_WEBHOOK_SECRET;
    stripeSandbox = stripe;
    if (bulk > 0) stripe.seedBulk({ subscriptions: bulk });
    say(`Stripe sandbox on ${stripe.url} (demo data${bulk > 0 ? ` and ${bulk} more` : ''})`);
  }

  // Nothing to verify tokens with: sign with the public dev secret, so the gateway listens on
  // 127.0.0.1 only. A gateway started any other way without a secret refuses to start.
  if (!env.AUTH_JWT_SECRET?.trim() && !env.AUTH_JWKS_URL?.trim()) env.AUTH_DEV_MODE = 'true';

  // Authentication-provider secrets are sealed with SECRETS_KEY. The migrations run in this
  // process too, so it needs the key as much as the services do.
  if (!env.SECRETS_KEY?.trim()) {
    const file = join(stateDir, 'secrets.key');
    const { key, created } = loadOrCreateSecretsKey(file);
    env.SECRETS_KEY = process.env.SECRETS_KEY = key;
    say(
      `SECRETS_KEY is unset: sealing secrets with the key in .subsync/secrets.key${created ? ' (new)' : ''}`,
    );
  }

  // The workers' metrics and health listeners stay on this machine unless told otherwise.
  env.OPS_HTTP_HOST ??= '127.0.0.1';

  // Fail here, with the services' own one-line messages, before anything is spawned.
  const infra = loadConfigOrExit(() => readInfraConfig(env));
  const gatewayConfig = loadConfigOrExit(() => readGatewayConfig(env));

  await applyMigrations(infra.databaseUrl, 'subsync-start', say);

  const gatewayUrl = `http://127.0.0.1:${gatewayConfig.port}`;
  if (stripeSandbox !== null && gatewayConfig.stripeWebhooks.secret !== null) {
    // The sandbox tells the gateway of its changes as Stripe would, so webhooks run end to end.
    stripeSandbox.webhooks.configure({
      url: `${gatewayUrl}${STRIPE_WEBHOOK_PATH}`,
      secret: gatewayConfig.stripeWebhooks.secret,
    });
    say(`Stripe sandbox sends webhooks to ${gatewayUrl}${STRIPE_WEBHOOK_PATH}`);
  }
  for (const name of SERVICES) {
    const service = await SupervisedService.start(
      {
        name,
        script: join(root, 'dist', 'apps', name, 'src', 'main.js'),
        env,
        cwd: root,
        nodeArgs: [...SERVICE_NODE_ARGS],
        readyWhen: (line) => line.includes(`${name} ready`),
        timeoutMs: 120_000,
        log: (line) => say(formatServiceLine(name, line)),
      },
      say,
      () => shuttingDown,
    );
    stops.unshift({ name, stop: () => service.stop() });
  }

  const curl = [
    `curl -s -X POST ${gatewayUrl}/api/plugins/zuora/sync/subscription/A-S00000271`,
    `-H "Authorization: Bearer $TOKEN"`,
  ].join(' ');
  say('');
  say(`subsync is running. Gateway: ${gatewayUrl}   API docs: ${gatewayUrl}/api/docs/ui`);
  say(
    `Metrics and health (/metrics, /health/live, /health/ready): gateway ${gatewayUrl}, ${opsAddresses(env)}`,
  );
  if (gatewayConfig.auth.kind === 'secret' && gatewayConfig.auth.isDevSecret) {
    const token = await signOperatorToken(gatewayConfig.auth.secret, gatewayConfig, {
      subject: 'dev-user',
      roles: ALL_ROLES,
      lifetimeSeconds: 12 * 3600,
    });
    say('Dev mode: AUTH_JWT_SECRET is unset, so tokens are signed with the public dev secret');
    say('and the gateway listens on 127.0.0.1 only.');
    say(`Dev bearer token (12 h, roles ${ALL_ROLES.join(', ')}):\n  export TOKEN=${token}`);
    say(`Try:\n  ${curl}`);
    say(`  curl -s ${gatewayUrl}/api/subscriptions/A-S00000271 -H "Authorization: Bearer $TOKEN"`);
    // The fragment never reaches the server; the console keeps the token for this tab only.
    say(`Operator console, signed in:\n  ${gatewayUrl}/console/#token=${token}`);
  } else if (gatewayConfig.auth.kind === 'secret') {
    // A real secret: no token is printed (the log may be kept); mint one on purpose instead.
    say('Tokens are verified with AUTH_JWT_SECRET. Mint one in a shell that has it set:');
    say(
      '  export TOKEN=$(node dist/tools/dev/src/mint-token.js --subject you --roles read,operate,administer --hours 8)',
    );
    say(`Try:\n  ${curl}`);
    say(`Operator console (sign in with such a token):\n  ${gatewayUrl}/console/`);
  } else {
    say('Tokens are verified against AUTH_JWKS_URL: use a token from your identity provider.');
    say(`Try:\n  ${curl}`);
    say(`Operator console (sign in with such a token):\n  ${gatewayUrl}/console/`);
  }
  say('Press Ctrl-C to stop everything.');
}

/** Where each worker answers `/metrics` and `/health/*`, as its configuration says. */
function opsAddresses(env: NodeJS.ProcessEnv): string {
  return SERVICES.filter((name) => name !== 'gateway')
    .map((name) => {
      const { host, port } = loadConfigOrExit(() => readOpsHttpConfig(env, name));
      return `${name} http://${host}:${port}`;
    })
    .join(', ');
}

async function shutdown(code: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
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

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
main().catch((error: unknown) => {
  say(error instanceof Error ? error.message : String(error));
  void shutdown(1);
});
