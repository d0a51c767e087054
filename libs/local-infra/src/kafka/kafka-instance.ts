import { chooseKafkaProvider } from '../infra/provider-choice';
import { isKafkaClasspathCached } from './kafka-classpath';
import { KAFKA_VERSION } from './kafka-version';

export type KafkaProvider = 'local' | 'testcontainers';

export interface KafkaInstance {
  /** `host:port` bootstrap addresses, ready for kafkajs. */
  brokers: string[];
  provider: KafkaProvider;
  /** Stops the broker and removes a temporary data dir. Safe to call twice. */
  stop(): Promise<void>;
  /**
   * Kills the broker as a crash would (SIGKILL), keeps it down for `downMs`, then starts it again
   * on its data and at the same address, and waits until it answers. Local brokers only.
   */
  crashAndRestart(downMs: number): Promise<void>;
}

export interface StartKafkaOptions {
  /** 'auto' (default) honours SUBSYNC_INFRA, then prefers a local broker, then Testcontainers. */
  provider?: 'auto' | KafkaProvider;
  /** Local broker only: a directory that persists across runs. Default: a temp dir deleted on stop. */
  dataDir?: string;
  /** Receives the broker's log lines and start-up progress. */
  log?: (line: string) => void;
  /** How long to wait for the broker to answer admin requests. Default 120 s. */
  readyTimeoutMs?: number;
}

export async function startKafka(options: StartKafkaOptions = {}): Promise<KafkaInstance> {
  const provider = await chooseKafkaProvider(KAFKA_VERSION, {
    requested: options.provider,
    classpathCached: isKafkaClasspathCached(),
  });
  // Imported on demand so that each path loads only what it needs.
  if (provider === 'local') {
    const { startLocalKafka } = await import('./local-kafka');
    return startLocalKafka(options);
  }
  const { startTestcontainersKafka } = await import('./testcontainers-kafka');
  return startTestcontainersKafka(options);
}
