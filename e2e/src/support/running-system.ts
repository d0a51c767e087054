import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SignJWT } from 'jose';
import { Kafka, logLevel, type Message } from 'kafkajs';
import { opsHttpPortVariable } from '@subsync/config';
import { KafkaNamespace } from '@subsync/messaging';
import {
  getFreePort,
  SERVICE_NODE_ARGS,
  startServiceProcess,
  type ServiceProcess,
} from '@subsync/local-infra';
import { createTestDatabase, testKafkaBrokers } from '@subsync/testkit';
import {
  createStripeSandbox,
  STRIPE_SANDBOX_API_KEY,
  type StripeSandbox,
  type StripeSandboxOptions,
} from '@subsync/stripe-sandbox';
import {
  createZuoraSandbox,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  type ZuoraSandbox,
} from '@subsync/zuora-sandbox';
import { OutboxAudit } from './outbox-audit';

export const SERVICE_NAMES = ['gateway', 'zuora-sync', 'stripe-sync', 'hot-sync'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

const root = resolve(__dirname, '..', '..', '..');
export const JWT_SECRET = 'e2e-secret-that-is-long-enough-for-hs256';

/**
 * The whole system for an end-to-end suite: a fresh database, the shared test Kafka under a
 * topic prefix of its own, an in-process Zuora sandbox, and the compiled services as separate
 * processes. The prefix keeps suites apart on the one broker: a request one suite left on a topic
 * is never consumed by the next suite's services.
 */
export class RunningSystem {
  /** Keyed `name` for the first instance of a service, `name#2` and so on for more. */
  private readonly services = new Map<string, ServiceProcess>();
  /** Checks what the services publish against the published contracts; see {@link OutboxAudit}. */
  private audit?: OutboxAudit;
  /** Where each process answers `/metrics` and `/health/*`, by the same keys. */
  private readonly opsUrls = new Map<string, string>();

  private constructor(
    readonly gatewayUrl: string,
    readonly sandbox: ZuoraSandbox,
    readonly stripe: StripeSandbox,
    readonly databaseUrl: string,
    /** KAFKA_TOPIC_PREFIX of this system's services; see {@link topic}. */
    readonly kafkaNamespace: KafkaNamespace,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /**
   * `options.env` adds or overrides the services' environment (e.g. CALLOUT_USERNAME); an
   * undefined value removes a variable (e.g. SECRETS_KEY).
   */
  static async start(
    names: readonly ServiceName[] = SERVICE_NAMES,
    options: {
      env?: Record<string, string | undefined>;
      /** Options of the Stripe sandbox, e.g. a higher rate limit for volume. */
      stripe?: Pick<StripeSandboxOptions, 'rateLimitPerSecond'>;
    } = {},
  ): Promise<RunningSystem> {
    const databaseUrl = await createTestDatabase('e2e');
    const sandbox = await createZuoraSandbox({ port: 0, seed: 'demo' });
    const stripe = await createStripeSandbox({ port: 0, seed: 'demo', ...options.stripe });
    const port = await getFreePort();
    const kafkaNamespace = new KafkaNamespace(`e2e-${globalThis.crypto.randomUUID().slice(0, 8)}.`);
    const env: NodeJS.ProcessEnv = {
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_TOPIC_PREFIX: kafkaNamespace.prefix,
      GATEWAY_PORT: String(port),
      ZUORA_BASE_URL: sandbox.url,
      ZUORA_CLIENT_ID: SANDBOX_CLIENT_ID,
      ZUORA_CLIENT_SECRET: SANDBOX_CLIENT_SECRET,
      STRIPE_API_BASE: stripe.url,
      STRIPE_API_KEY: STRIPE_SANDBOX_API_KEY,
      AUTH_JWT_SECRET: JWT_SECRET,
      // The test identity providers serve their keys from 127.0.0.1.
      AUTH_ALLOW_PRIVATE_JWKS: 'true',
      // Seals authentication-provider secrets; a fresh key for each system.
      SECRETS_KEY: randomBytes(32).toString('base64'),
      SYNC_WAIT_TIMEOUT_MS: '90000',
      LOG_LEVEL: 'info',
      OPS_HTTP_HOST: '127.0.0.1',
      ...options.env,
    };
    const system = new RunningSystem(
      `http://127.0.0.1:${port}`,
      sandbox,
      stripe,
      databaseUrl,
      kafkaNamespace,
      env,
    );
    system.audit = new OutboxAudit(env['DATABASE_URL'] ?? databaseUrl);
    system.audit.start();
    try {
      for (const name of names) await system.startService(name);
    } catch (error) {
      // The suite never gets the system to stop: stop what did start, or its processes and the
      // audit's timer outlive the suite and keep Jest from exiting.
      await system.stop().catch(() => undefined);
      throw error;
    }
    return system;
  }

  /**
   * Starts a service; `instance` 2, 3… run more processes of it beside the first. `env` adds to
   * or overrides the system's environment for this process only (undefined removes a variable).
   */
  async startService(
    name: ServiceName,
    instance = 1,
    env: Record<string, string | undefined> = {},
  ): Promise<ServiceProcess> {
    const id = instanceId(name, instance);
    // Every worker process gets a port of its own for its metrics and health.
    const opsPort = name === 'gateway' ? null : await getFreePort();
    const service = await startServiceProcess({
      name: id,
      script: join(root, 'dist', 'apps', name, 'src', 'main.js'),
      env: {
        ...this.env,
        ...(opsPort === null ? {} : { [opsHttpPortVariable(name)]: String(opsPort) }),
        ...env,
      },
      cwd: root,
      nodeArgs: [...SERVICE_NODE_ARGS],
      readyWhen: (line) => line.includes(`${name} ready`),
      timeoutMs: 90_000,
      ...logToDirectory(id),
    });
    this.services.set(id, service);
    this.opsUrls.set(id, opsPort === null ? this.gatewayUrl : `http://127.0.0.1:${opsPort}`);
    return service;
  }

  /** Where a process serves `/metrics`, `/health/live` and `/health/ready`. */
  opsUrl(name: ServiceName, instance = 1): string {
    const url = this.opsUrls.get(instanceId(name, instance));
    if (url === undefined) throw new Error(`${instanceId(name, instance)} is not running`);
    return url;
  }

  /**
   * The broker's name of a registry topic (or its `.dlt`) for this system: what a test that
   * publishes or reads on Kafka directly, as an upstream system would, must use.
   */
  topic(logical: string): string {
    return this.kafkaNamespace.topic(logical);
  }

  /** Publishes raw records to a registry topic of this system, as an upstream system would. */
  async publish(logical: string, messages: Message[]): Promise<void> {
    const kafka = new Kafka({
      clientId: 'e2e-publisher',
      brokers: testKafkaBrokers(),
      logLevel: logLevel.NOTHING,
    });
    const producer = kafka.producer();
    await producer.connect();
    try {
      await producer.send({ topic: this.topic(logical), acks: -1, messages });
    } finally {
      await producer.disconnect();
    }
  }

  service(name: ServiceName, instance = 1): ServiceProcess {
    const id = instanceId(name, instance);
    const service = this.services.get(id);
    if (service === undefined) throw new Error(`${id} is not running`);
    return service;
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.services.values()].map((s) => s.stop()));
    await this.sandbox.close();
    await this.stripe.close();
    // Last, so that a message that breaks the contracts fails the suite with nothing left running.
    await this.audit?.finish();
  }

  /** By default an operator token with every role (read, operate, administer). */
  token(
    overrides: { secret?: string; expiresIn?: string; roles?: readonly string[] } = {},
  ): Promise<string> {
    return new SignJWT({ roles: [...(overrides.roles ?? ['read', 'operate', 'administer'])] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('e2e')
      .setIssuedAt()
      .setExpirationTime(overrides.expiresIn ?? '1h')
      .sign(new TextEncoder().encode(overrides.secret ?? JWT_SECRET));
  }

  async api(
    method: string,
    path: string,
    options: { token?: string | null; headers?: Record<string, string>; body?: string } = {},
  ) {
    const token = options.token === undefined ? await this.token() : options.token;
    const response = await fetch(`${this.gatewayUrl}${path}`, {
      method,
      headers: {
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        ...options.headers,
      },
      body: options.body,
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text === '' ? null : (JSON.parse(text) as unknown),
    };
  }

  /**
   * A request to the gateway exactly as given: no bearer token is added, and the body is sent
   * as is (for callouts with Basic credentials, XML bodies and malformed ones).
   */
  async send(
    method: string,
    path: string,
    options: { headers?: Record<string, string>; body?: string } = {},
  ) {
    const response = await fetch(`${this.gatewayUrl}${path}`, {
      method,
      headers: options.headers ?? {},
      body: options.body,
    });
    const text = await response.text();
    let body: unknown = text === '' ? null : text;
    try {
      body = text === '' ? null : (JSON.parse(text) as unknown);
    } catch {
      // Not JSON: the test sees the text.
    }
    return { status: response.status, headers: response.headers, body };
  }

  /** The sandbox's admin API (`/sandbox/...`). */
  /** The Zuora sandbox's admin API (`/sandbox/...`). */
  admin(method: string, path: string, body?: unknown): Promise<unknown> {
    return sandboxAdmin(this.sandbox.url, method, path, body);
  }

  /** The Stripe sandbox's admin API (`/sandbox/...`). */
  stripeAdmin(method: string, path: string, body?: unknown): Promise<unknown> {
    return sandboxAdmin(this.stripe.url, method, path, body);
  }
}

async function sandboxAdmin(
  base: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(`${base}/sandbox${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`sandbox ${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

function instanceId(name: ServiceName, instance: number): string {
  return instance === 1 ? name : `${name}#${instance}`;
}

/** With `E2E_LOG_DIR` set, each service's output also goes to `<dir>/<service>.log`, for debugging. */
function logToDirectory(name: string): { log?: (line: string) => void } {
  const directory = process.env['E2E_LOG_DIR'];
  if (directory === undefined || directory === '') return {};
  return { log: (line) => appendFileSync(join(directory, `${name}.log`), `${line}\n`) };
}

export async function eventually<T>(check: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
