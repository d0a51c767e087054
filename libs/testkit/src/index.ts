// Public API of the test kit: Kafka and PostgreSQL for `npm start` and the Jest suites, and helpers
// for end-to-end tests. Jest's global setup/teardown live in ./jest and are referenced by path from
// jest.config.ts. Nothing here imports testcontainers eagerly: the local path must not load it.
export { KAFKA_IMAGE, KAFKA_VERSION, kafkaImage } from './kafka/kafka-version';
export {
  startKafka,
  type KafkaInstance,
  type KafkaProvider,
  type StartKafkaOptions,
} from './kafka/kafka-instance';
export { waitForKafkaReady, type KafkaReadinessOptions } from './kafka/kafka-readiness';
export { POSTGRES_IMAGE, postgresImage } from './postgres/postgres-version';
export {
  startPostgres,
  type PostgresInstance,
  type PostgresProvider,
  type StartPostgresOptions,
} from './postgres/postgres-instance';
export { createDatabase, databaseUrl, uniqueDatabaseName } from './postgres/postgres-admin';
export {
  readsThatGrew,
  rowsRead,
  seqScannedTables,
  StatementRecorder,
  type RecordedStatement,
  type SqlSession,
} from './postgres/statement-cost';
export {
  bulkAccount,
  bulkReference,
  isBulkStripe,
  storeBulkSubscriptions,
} from './postgres/bulk-subscriptions';
export { createTestDatabase, testKafkaBrokers } from './jest/test-database';
export {
  startServiceProcess,
  type ServiceProcess,
  type ServiceProcessOptions,
} from './process/service-process';
export { getFreePort } from './process/free-port';
export { SERVICE_NODE_ARGS } from './process/service-node-args';
export { InfraUnavailableError } from './infra/infra-unavailable-error';
export { INFRA_ENV, type InfraOverride } from './infra/provider-choice';
export {
  checkDocker,
  checkJava,
  checkMaven,
  MIN_JAVA_MAJOR,
  type ToolCheck,
} from './infra/tool-detection';
export {
  checkChromium,
  chromiumPath,
  DEFAULT_CHROMIUM_PATH,
  launchBrowser,
  type LaunchBrowserOptions,
} from './browser/launch-browser';
