import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { opsHttpPortVariable } from '@subsync/config';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '@subsync/zuora-sandbox';
import {
  getFreePort,
  type KafkaInstance,
  type PostgresInstance,
  type ServiceProcess,
  startKafka,
  startPostgres,
  SERVICE_NODE_ARGS,
  startServiceProcess,
} from '@subsync/local-infra';
import type { ProcessSampler } from '../measure/process.sampler';

export type ServiceName = 'gateway' | 'zuora-sync';

/**
 * Services announce "<name> ready" whatever the level, so they run at warn, as a quiet production
 * service would; the report counts the lines each service printed, to show what logging cost.
 */
export const SERVICE_LOG_LEVEL = 'warn';
/** How long a synchronous sync waits before the gateway answers 202. */
export const SYNC_WAIT_TIMEOUT_MS = 30_000;
/** Settings the services read that change throughput; passed through when set, and reported. */
export const TUNING_VARIABLES = [
  'SYNC_MAX_IN_FLIGHT',
  'ZUORA_MAX_CONCURRENCY',
  'DATABASE_PREPARED_STATEMENTS',
] as const;

/**
 * Everything a benchmark runs against, started the way `npm start` starts it, but in
 * temporary directories: PostgreSQL, Kafka, the Zuora sandbox as its own process, and the
 * services as processes, started and stopped as scenarios need them.
 */
export class BenchSystem {
  readonly jwtSecret = randomBytes(24).toString('hex');
  /** Seals authentication-provider secrets, as every deployment's SECRETS_KEY does. */
  private readonly secretsKey = randomBytes(32).toString('base64');
  private readonly services = new Map<string, ServiceProcess>();
  private readonly logLines = new Map<string, number>();
  private gatewayPort = 0;
  private labelSuffix = '';
  databaseUrl = '';

  private constructor(
    readonly root: string,
    readonly postgres: PostgresInstance,
    readonly kafka: KafkaInstance,
    readonly sandboxUrl: string,
    private readonly sampler: ProcessSampler,
    private readonly say: (line: string) => void,
  ) {}

  /** Starts PostgreSQL, Kafka and the Zuora sandbox; `onStarted` gets each stop as it exists. */
  static async start(
    root: string,
    sampler: ProcessSampler,
    say: (line: string) => void,
    onStarted: (name: string, stop: () => Promise<void>) => void,
  ): Promise<BenchSystem> {
    say('starting embedded PostgreSQL (temporary data dir)…');
    const postgres = await startPostgres({});
    onStarted('PostgreSQL', () => postgres.stop());
    say('starting local Apache Kafka (temporary data dir)…');
    const kafka = await startKafka({});
    onStarted('Kafka', () => kafka.stop());
    const port = await getFreePort();
    const sandbox = await startServiceProcess({
      name: 'zuora-sandbox',
      script: join(root, 'dist', 'apps', 'zuora-sandbox', 'src', 'main.js'),
      env: { ZUORA_SANDBOX_PORT: String(port) },
      cwd: root,
      readyWhen: (line) => line.includes('zuora-sandbox listening on'),
      timeoutMs: 30_000,
      nodeArgs: process.env['BENCH_NODE_ARGS']?.split(' ').filter((arg) => arg !== '') ?? [],
    });
    sampler.label(sandbox.pid, 'zuora-sandbox');
    onStarted('Zuora sandbox', () => sandbox.stop());
    say(`Zuora sandbox process on http://127.0.0.1:${port}`);
    const system = new BenchSystem(root, postgres, kafka, `http://127.0.0.1:${port}`, sampler, say);
    onStarted('services', () => system.stopServices());
    return system;
  }

  get gatewayUrl(): string {
    return `http://127.0.0.1:${this.gatewayPort}`;
  }

  /** Tuning variables set in the bench's environment, which the services inherit. */
  static tuning(): Record<string, string> {
    const set: Record<string, string> = {};
    for (const name of TUNING_VARIABLES) {
      const value = process.env[name];
      if (value !== undefined && value !== '') set[name] = value;
    }
    return set;
  }

  /**
   * Starts the gateway and `zuoraSyncProcesses` zuora-sync processes against `databaseUrl`;
   * `labelSuffix` tells this set apart from an earlier one in the report (e.g. `@S6`).
   */
  async startServices(
    databaseUrl: string,
    zuoraSyncProcesses: number,
    labelSuffix = '',
  ): Promise<void> {
    this.databaseUrl = databaseUrl;
    this.labelSuffix = labelSuffix;
    this.gatewayPort = await getFreePort();
    await this.startService('gateway', `gateway${labelSuffix}`);
    for (let i = 1; i <= zuoraSyncProcesses; i += 1) await this.startZuoraSync(i);
  }

  async startZuoraSync(instance: number): Promise<void> {
    await this.startService('zuora-sync', `zuora-sync#${instance}${this.labelSuffix}`);
  }

  async stopService(label: string): Promise<void> {
    const service = this.services.get(label);
    if (!service) return;
    this.services.delete(label);
    await service.stop();
  }

  async stopServices(): Promise<void> {
    // Workers first, so the gateway still hears what they finish.
    const labels = [...this.services.keys()];
    const isGateway = (label: string) => label.startsWith('gateway');
    const workersFirst = [
      ...labels.filter((label) => !isGateway(label)),
      ...labels.filter(isGateway),
    ];
    for (const label of workersFirst) await this.stopService(label);
  }

  /** Output lines printed by each service (by label), for the report. */
  logLineCounts(): Record<string, number> {
    return Object.fromEntries(this.logLines);
  }

  /** The last lines a service printed, to explain a failure. */
  tail(label: string, lines = 20): string[] {
    return this.services.get(label)?.logs().slice(-lines) ?? [];
  }

  private async startService(name: ServiceName, label: string): Promise<void> {
    const env: NodeJS.ProcessEnv = {
      DATABASE_URL: this.databaseUrl,
      KAFKA_BROKERS: this.kafka.brokers.join(','),
      GATEWAY_PORT: String(this.gatewayPort),
      ZUORA_BASE_URL: this.sandboxUrl,
      ZUORA_CLIENT_ID: SANDBOX_CLIENT_ID,
      ZUORA_CLIENT_SECRET: SANDBOX_CLIENT_SECRET,
      AUTH_JWT_SECRET: this.jwtSecret,
      SECRETS_KEY: this.secretsKey,
      SECRETS_KEY_PREVIOUS: undefined,
      SYNC_WAIT_TIMEOUT_MS: String(SYNC_WAIT_TIMEOUT_MS),
      LOG_LEVEL: SERVICE_LOG_LEVEL,
      // Settings that would change what the bench measures are not inherited by accident.
      AUTH_JWKS_URL: undefined,
      AUTH_ISSUER: undefined,
      AUTH_AUDIENCE: undefined,
      CALLOUT_USERNAME: undefined,
      CALLOUT_PASSWORD: undefined,
      // Several processes of a worker run here: each takes any free port for its metrics.
      ...(name === 'gateway' ? {} : { [opsHttpPortVariable(name)]: '0' }),
      OPS_HTTP_HOST: '127.0.0.1',
      // The bench's broker is its own, and its Kafka client uses the contract's topic names.
      KAFKA_TOPIC_PREFIX: undefined,
      ...BenchSystem.tuning(),
    };
    const started = Date.now();
    const service = await startServiceProcess({
      name,
      script: join(this.root, 'dist', 'apps', name, 'src', 'main.js'),
      env,
      cwd: this.root,
      // BENCH_NODE_ARGS adds flags, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile a run.
      nodeArgs: [
        ...SERVICE_NODE_ARGS,
        ...(process.env['BENCH_NODE_ARGS']?.split(' ').filter((arg) => arg !== '') ?? []),
      ],
      readyWhen: (line) => line.includes(`${name} ready`),
      timeoutMs: 120_000,
      log: () => this.logLines.set(label, (this.logLines.get(label) ?? 0) + 1),
    });
    this.sampler.label(service.pid, label);
    this.services.set(label, service);
    void service.exited.then((code) => {
      if (this.services.get(label) === service) {
        this.say(`${label} exited unexpectedly (code ${code}); its last lines:`);
        service
          .logs()
          .slice(-20)
          .forEach((line) => this.say(`  ${line}`));
      }
    });
    this.say(`${label} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
