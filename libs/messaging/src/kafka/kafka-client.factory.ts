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
        if (level === logLevel.ERROR) logger.error(line);
        else if (level === logLevel.WARN) logger.warn(line);
        else logger.debug(line);
      },
  });
}
