import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { InfraUnavailableError } from '../infra/infra-unavailable-error';
import { kafkaInstallHint } from '../infra/provider-choice';
import { checkMaven, mavenBinary } from '../infra/tool-detection';
import { KAFKA_VERSION } from './kafka-version';

/** The Maven descriptor sits next to this file (tools/build.mjs copies it into dist as well). */
const POM_PATH = join(__dirname, 'pom.xml');

/** ~/.cache/subsync/kafka-<version>, or under SUBSYNC_CACHE_DIR / XDG_CACHE_HOME when set. */
export function kafkaCacheDir(): string {
  const root =
    process.env['SUBSYNC_CACHE_DIR'] ??
    join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'subsync');
  return join(root, `kafka-${KAFKA_VERSION}`);
}

/** Keyed by the pom's content, so editing the pom (e.g. the log4j version) re-resolves. */
function classpathFile(): string {
  const hash = createHash('sha256')
    .update(KAFKA_VERSION)
    .update(readFileSync(POM_PATH))
    .digest('hex')
    .slice(0, 12);
  return join(kafkaCacheDir(), `classpath-${hash}.txt`);
}

function readCachedClasspath(): string | undefined {
  if (!existsSync(POM_PATH)) {
    return undefined;
  }
  const file = classpathFile();
  if (!existsSync(file)) {
    return undefined;
  }
  const classpath = readFileSync(file, 'utf8').trim();
  // A cleaned ~/.m2 invalidates the cache: every jar must still be there.
  const jars = classpath.split(delimiter).filter(Boolean);
  return jars.length > 0 && jars.every((jar) => existsSync(jar)) ? classpath : undefined;
}

export function isKafkaClasspathCached(): boolean {
  return readCachedClasspath() !== undefined;
}

/**
 * The broker's run-time classpath, resolved by Maven from Maven Central (jars cached in ~/.m2).
 * The classpath itself is cached too, so later starts don't run Maven at all.
 */
export async function resolveKafkaClasspath(
  log: (line: string) => void = () => undefined,
): Promise<string> {
  const cached = readCachedClasspath();
  if (cached) {
    return cached;
  }
  if (!existsSync(POM_PATH)) {
    // tools/build.mjs copies it into dist; a build that skipped assets would end up here.
    throw new Error(
      `${POM_PATH} is missing: the Kafka Maven descriptor must sit next to the code.`,
    );
  }
  const maven = await checkMaven();
  if (!maven.ok) {
    throw new InfraUnavailableError(`${kafkaInstallHint(KAFKA_VERSION)} Found: ${maven.detail}.`);
  }
  const dir = kafkaCacheDir();
  mkdirSync(dir, { recursive: true });
  // Maven runs on a copy of the pom in the cache dir, so it writes nothing into the source tree.
  copyFileSync(POM_PATH, join(dir, 'pom.xml'));
  const target = classpathFile();
  const partial = `${target}.${process.pid}.tmp`;
  log(`Resolving the Kafka ${KAFKA_VERSION} classpath with Maven (first run only)...`);
  const started = Date.now();
  await runMaven(dir, [
    '-B',
    '-q',
    `-Dkafka.version=${KAFKA_VERSION}`,
    'dependency:build-classpath',
    `-Dmdep.outputFile=${partial}`,
  ]);
  // Rename is atomic, so a concurrent start never reads a half-written file.
  renameSync(partial, target);
  log(`Kafka classpath resolved in ${((Date.now() - started) / 1000).toFixed(1)} s (${target})`);
  const classpath = readCachedClasspath();
  if (!classpath) {
    throw new Error(`Maven wrote an empty or incomplete Kafka classpath to ${target}`);
  }
  return classpath;
}

function runMaven(cwd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      mavenBinary(),
      args,
      { cwd, timeout: 15 * 60_000, maxBuffer: 16 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        if (!error) {
          resolve();
          return;
        }
        rmSync(join(cwd, 'target'), { recursive: true, force: true });
        const output = `${stdout}\n${stderr}`.trim().split('\n').slice(-30).join('\n');
        reject(
          new Error(
            `Maven could not resolve org.apache.kafka:kafka_2.13:${KAFKA_VERSION} from Maven Central ` +
              `(is the network or a Maven mirror reachable?). mvn ${args.join(' ')} in ${cwd} said:\n${output}`,
          ),
        );
      },
    );
  });
}
