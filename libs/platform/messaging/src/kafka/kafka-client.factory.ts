import { Logger } from '@nestjs/common';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';

/** One kafkajs client per service, its logs routed through the service logger. */
export function createKafka(brokers: string[], clientId: string): Kafka {
  const logger = new Logger('kafkajs');
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.WARN,
    // Retries stay a couple of seconds apart, so a client is back within seconds of the broker;
    // when they run out, the consumer is restarted (or rebuilt, see ParallelConsumerKafkaJs).
    retry: { initialRetryTime: 300, maxRetryTime: 2_000, retries: 15 },
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...extra } = log;
        const line = `${message} ${JSON.stringify(extra)}`;
        const shown = kafkaLogLevel(level, log);
        if (shown === logLevel.ERROR) logger.error(line);
        else if (shown === logLevel.WARN) logger.warn(line);
        else logger.debug(line);
      },
  });
}

/**
 * The level a kafkajs log line is shown at. A CreateTopics response with topic errors is logged
 * by the connection before the caller sees it; services starting together all create the same
 * topics, and TopicProvisioner treats "already exists" as done and throws anything else, so the
 * connection's line is noise: it is shown at debug level.
 */
export function kafkaLogLevel(level: logLevel, log: LogEntry['log']): logLevel {
  const createTopicsResponse =
    log.message.startsWith('Response CreateTopics') &&
    (log as { error?: unknown }).error === 'Topic creation errors';
  return createTopicsResponse && level === logLevel.ERROR ? logLevel.DEBUG : level;
}
