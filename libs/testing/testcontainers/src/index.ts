// Testcontainers modules for suites that run subsync as a black box: a Kafka with the
// apache/kafka contract that containers and the test process both reach, and subsync itself.
export { ApacheKafkaContainer, StartedApacheKafkaContainer } from './apache-kafka-container';
export {
  StartedSubsyncContainer,
  SubsyncContainer,
  subsyncImage,
  type PostgresLike,
} from './subsync-container';
