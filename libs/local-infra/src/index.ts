// Public API of the local infrastructure: the Kafka and PostgreSQL that `npm start`, the bench and
// the test kit's Jest setup run on, and the supervised child processes of the services. Nothing
// here imports testcontainers eagerly: the local path must not load it.
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
