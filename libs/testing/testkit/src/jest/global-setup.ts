// Jest loads the global setup and teardown without its moduleNameMapper: no path alias here.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startKafka } from '../../../../local-infra/src/kafka/kafka-instance';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startPostgres } from '../../../../local-infra/src/postgres/postgres-instance';
import { jestInfraState } from './jest-infra-state';

/**
 * Jest globalSetup for the int and e2e projects: uses KAFKA_BROKERS / DATABASE_URL when they are
 * set, and otherwise starts the missing server and exports its address. Workers are forked after
 * this runs, so they inherit the variables; with --runInBand the test environment copies them too.
 * SUBSYNC_INFRA_DEBUG=1 streams the servers' logs to stderr.
 */
export default async function globalSetup(): Promise<void> {
  const state = jestInfraState();
  const debug = process.env['SUBSYNC_INFRA_DEBUG']
    ? (line: string) => process.stderr.write(`[infra] ${line}\n`)
    : undefined;
  const note = (line: string): void => {
    process.stderr.write(`[testkit] ${line}\n`);
  };

  const startedAt = Date.now();
  const took: Record<string, string> = {};
  const timed = <T>(name: string, start: () => Promise<T>): Promise<T> =>
    start().then((value) => {
      took[name] = ((Date.now() - startedAt) / 1000).toFixed(1);
      return value;
    });
  const kafka = process.env['KAFKA_BROKERS']
    ? undefined
    : timed('kafka', () => startKafka({ log: debug }));
  const postgres = process.env['DATABASE_URL']
    ? undefined
    : timed('postgres', () => startPostgres({ log: debug }));
  // Start both at once, but if one fails, stop the other before failing.
  const [kafkaResult, postgresResult] = await Promise.allSettled([kafka, postgres]);
  if (kafkaResult.status === 'rejected' || postgresResult.status === 'rejected') {
    await Promise.allSettled([
      kafkaResult.status === 'fulfilled' ? kafkaResult.value?.stop() : undefined,
      postgresResult.status === 'fulfilled' ? postgresResult.value?.stop() : undefined,
    ]);
    const reason: unknown =
      kafkaResult.status === 'rejected'
        ? kafkaResult.reason
        : postgresResult.status === 'rejected'
          ? postgresResult.reason
          : undefined;
    throw reason instanceof Error ? reason : new Error(String(reason));
  }
  if (kafkaResult.value) {
    state.kafka = kafkaResult.value;
    process.env['KAFKA_BROKERS'] = kafkaResult.value.brokers.join(',');
    state.exportedEnv.push('KAFKA_BROKERS');
    note(
      `Kafka (${kafkaResult.value.provider}) on ${process.env['KAFKA_BROKERS']} (${took['kafka']} s)`,
    );
  }
  if (postgresResult.value) {
    state.postgres = postgresResult.value;
    process.env['DATABASE_URL'] = postgresResult.value.url;
    state.exportedEnv.push('DATABASE_URL');
    note(
      `PostgreSQL (${postgresResult.value.provider}) on ${new URL(postgresResult.value.url).host} (${took['postgres']} s)`,
    );
  }
}
