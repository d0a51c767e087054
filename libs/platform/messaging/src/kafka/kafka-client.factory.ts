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
 * Errors a connection logs for a response that kafkajs handles itself before its caller sees
 * anything: right after a topic is created or a broker comes back, a partition is unknown or has
 * no leader for a moment, and the client refreshes its metadata and retries. If the retries run
 * out, the caller fails and says so (a consumer is restarted and logs why; TopicProvisioner
 * warns when the topics are still not ready after a few looks).
 */
const TRANSIENT_RESPONSE_ERRORS = new Set([
  'This server is not the leader for that topic-partition',
  'There is no leader for this topic-partition as we are in the middle of a leadership election',
  'This server does not host this topic-partition',
]);

/**
 * The level a kafkajs log line is shown at. The connection logs every error response before its
 * caller sees it, so two kinds of lines are noise, shown at debug level: a CreateTopics response
 * with topic errors (services starting together all create the same topics, and
 * TopicProvisioner treats "already exists" as done and throws anything else), and a response
 * naming a partition without a leader for now (see TRANSIENT_RESPONSE_ERRORS).
 */
export function kafkaLogLevel(level: logLevel, log: LogEntry['log']): logLevel {
  if (level !== logLevel.ERROR || !log.message.startsWith('Response ')) return level;
  const error = (log as { error?: unknown }).error;
  const createTopicsRace =
    log.message.startsWith('Response CreateTopics') && error === 'Topic creation errors';
  const noLeaderYet = typeof error === 'string' && TRANSIENT_RESPONSE_ERRORS.has(error);
  return createTopicsRace || noLeaderYet ? logLevel.DEBUG : level;
}
