/**
 * The one place the Kafka version is pinned: the local broker's Maven coordinates
 * (org.apache.kafka:kafka_2.13) and the Testcontainers image tag both derive from it.
 * 4.3.1 is the newest 4.x release whose complete artifact set is on Maven Central
 * (4.4.0's kafka_2.13 is listed, but its runtime dependency kafka-tools-api is not).
 */
export const KAFKA_VERSION = '4.3.1';

/** The official image, which Testcontainers pulls when it is missing. */
export const KAFKA_IMAGE = `apache/kafka:${KAFKA_VERSION}`;

/** The image the Testcontainers path runs: SUBSYNC_KAFKA_IMAGE (any apache/kafka-compatible image), else the official one. */
export function kafkaImage(): string {
  return process.env['SUBSYNC_KAFKA_IMAGE']?.trim() || KAFKA_IMAGE;
}
