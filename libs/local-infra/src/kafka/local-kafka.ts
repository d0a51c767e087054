import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { InfraUnavailableError } from '../infra/infra-unavailable-error';
import { kafkaInstallHint } from '../infra/provider-choice';
import { checkJava } from '../infra/tool-detection';
import { killQuietly, registerChildCleanup } from '../process/child-cleanup';
import { getFreePort, getPreferredPort } from '../process/free-port';
import { LogTail } from '../process/log-tail';
import { stopChild } from '../process/stop-child';
import { resolveKafkaClasspath } from './kafka-classpath';
import { newClusterId } from './kafka-cluster-id';
import { type KafkaInstance, type StartKafkaOptions } from './kafka-instance';
import { waitForKafkaReady } from './kafka-readiness';
import { renderServerProperties } from './kafka-server-config';
import { KAFKA_VERSION } from './kafka-version';

const LOG4J_CONFIG = join(__dirname, 'log4j2.xml');
/** Remembers the ports of a persistent data dir, so its address stays the same across restarts. */
const STATE_FILE = 'subsync-kafka.json';
const JVM_OPTIONS = [
  '-Xms256m',
  '-Xmx512m',
  '-XX:+UseG1GC',
  '-XX:MaxGCPauseMillis=20',
  '-XX:+ExplicitGCInvokesConcurrent',
  '-XX:+ExitOnOutOfMemoryError',
  '-Djava.awt.headless=true',
  `-Dlog4j2.configurationFile=${LOG4J_CONFIG}`,
];

interface PortState {
  brokerPort?: number;
  controllerPort?: number;
}

/**
 * A real single-node Apache Kafka (KRaft, combined broker + controller) run with `java` from jars
 * that Maven resolved from Maven Central.
 */
export async function startLocalKafka(options: StartKafkaOptions = {}): Promise<KafkaInstance> {
  const log = options.log ?? (() => undefined);
  const startedAt = Date.now();
  const java = await checkJava();
  if (!java.ok) {
    throw new InfraUnavailableError(`${kafkaInstallHint(KAFKA_VERSION)} Found: ${java.detail}.`);
  }
  const classpath = await resolveKafkaClasspath(log);
  const temporary = !options.dataDir;
  const dir = options.dataDir
    ? resolve(options.dataDir)
    : await mkdtemp(join(tmpdir(), 'subsync-kafka-'));
  const removeTempDir = (): void => {
    if (temporary) {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const tail = new LogTail(400);
  tail.onLine(log);
  // The CLASSPATH variable rather than -cp keeps `ps` output readable.
  const env = { ...process.env, CLASSPATH: classpath };

  let child: ChildProcess | undefined;
  let unregister = (): void => undefined;
  try {
    mkdirSync(dir, { recursive: true });
    const ports = await choosePorts(dir);
    const logDir = join(dir, 'kraft-combined-logs');
    const propertiesFile = join(dir, 'server.properties');
    writeFileSync(propertiesFile, renderServerProperties({ ...ports, logDir }));
    if (!existsSync(join(logDir, 'meta.properties'))) {
      await formatStorage(java.bin, env, propertiesFile, log);
    }

    const spawnBroker = (): ChildProcess => {
      const broker = spawn(java.bin, [...JVM_OPTIONS, 'kafka.Kafka', propertiesFile], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
        // Its own process group: a terminal's Ctrl-C reaches the services, which drain their
        // work while the broker stays up, and the owner stops the broker last.
        detached: true,
      });
      child = broker;
      exitReason = undefined;
      broker.once('error', (error) => (exitReason = `could not run ${java.bin}: ${error.message}`));
      broker.once(
        'exit',
        (code, signal) => (exitReason ??= `the broker exited (code ${code}, signal ${signal})`),
      );
      tail.follow(broker.stdout);
      tail.follow(broker.stderr);
      return broker;
    };
    let exitReason: string | undefined;
    spawnBroker();
    unregister = registerChildCleanup(() => {
      // A persistent broker gets SIGTERM, so its own shutdown hook leaves the logs clean (it takes
      // about a second); a throwaway one is killed outright and its directory removed.
      killQuietly(child?.pid, temporary ? 'SIGKILL' : 'SIGTERM');
      removeTempDir();
    });

    const brokers = [`127.0.0.1:${ports.brokerPort}`];
    const ready = (): Promise<void> =>
      waitForKafkaReady({
        brokers,
        timeoutMs: options.readyTimeoutMs ?? 120_000,
        description: `Local Kafka ${KAFKA_VERSION} (data dir ${dir})`,
        logTail: () => tail.format(80),
        failure: () => exitReason,
      });
    await ready();
    log(
      `Local Kafka ${KAFKA_VERSION} ready on ${brokers.join(',')} in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
    );

    let stopping: Promise<void> | undefined;
    return {
      brokers,
      provider: 'local',
      stop: () =>
        (stopping ??= (async () => {
          // SIGTERM runs Kafka's orderly shutdown; SIGKILL follows if it hangs.
          if (child) await stopChild(child, { timeoutMs: 20_000 });
          unregister();
          removeTempDir();
        })()),
      crashAndRestart: async (downMs: number) => {
        if (child) await stopChild(child, { signal: 'SIGKILL' });
        await new Promise((resolve) => setTimeout(resolve, downMs));
        spawnBroker();
        await ready();
      },
    };
  } catch (error) {
    if (child) {
      await stopChild(child, { signal: 'SIGKILL' });
    }
    unregister();
    removeTempDir();
    throw error;
  }
}

async function choosePorts(dir: string): Promise<{ brokerPort: number; controllerPort: number }> {
  const stateFile = join(dir, STATE_FILE);
  let previous: PortState = {};
  if (existsSync(stateFile)) {
    try {
      previous = JSON.parse(readFileSync(stateFile, 'utf8')) as PortState;
    } catch {
      previous = {};
    }
  }
  const brokerPort = await getPreferredPort(previous.brokerPort);
  let controllerPort = await getPreferredPort(previous.controllerPort);
  while (controllerPort === brokerPort) {
    controllerPort = await getFreePort();
  }
  writeFileSync(stateFile, JSON.stringify({ brokerPort, controllerPort }, null, 2));
  return { brokerPort, controllerPort };
}

/** `kafka-storage.sh format --standalone` (its main class is kafka.tools.StorageTool in 4.x). */
function formatStorage(
  javaBin: string,
  env: NodeJS.ProcessEnv,
  propertiesFile: string,
  log: (line: string) => void,
): Promise<void> {
  const clusterId = newClusterId();
  const args = [
    ...JVM_OPTIONS,
    '-Dsubsync.kafka.logLevel=WARN',
    'kafka.tools.StorageTool',
    'format',
    '--standalone',
    '--cluster-id',
    clusterId,
    '--config',
    propertiesFile,
  ];
  return new Promise((resolvePromise, reject) => {
    execFile(
      javaBin,
      args,
      { env, timeout: 120_000, windowsHide: true },
      (error, stdout, stderr) => {
        const output = `${stdout}\n${stderr}`.trim();
        if (error) {
          reject(new Error(`Formatting the Kafka storage failed: ${error.message}\n${output}`));
          return;
        }
        output.split('\n').forEach(log);
        resolvePromise();
      },
    );
  });
}
