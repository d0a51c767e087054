import { ConfigError } from './config-error';
import {
  KAFKA_TOPIC_PREFIX_MAX_LENGTH,
  readInfraConfig,
  readKafkaTopicPrefix,
} from './service-config';

describe('KAFKA_TOPIC_PREFIX', () => {
  it('is empty when unset or blank, so topics keep the names of the contract', () => {
    expect(readKafkaTopicPrefix({})).toBe('');
    expect(readKafkaTopicPrefix({ KAFKA_TOPIC_PREFIX: '  ' })).toBe('');
  });

  it('takes what Kafka allows in a topic name', () => {
    expect(readKafkaTopicPrefix({ KAFKA_TOPIC_PREFIX: 'e2e-3f9a.' })).toBe('e2e-3f9a.');
    expect(readKafkaTopicPrefix({ KAFKA_TOPIC_PREFIX: 'Staging_2-' })).toBe('Staging_2-');
    const longest = 'p'.repeat(KAFKA_TOPIC_PREFIX_MAX_LENGTH);
    expect(readKafkaTopicPrefix({ KAFKA_TOPIC_PREFIX: longest })).toBe(longest);
  });

  it.each([
    [
      'team a.',
      "KAFKA_TOPIC_PREFIX may hold only letters, digits, '.', '_' and '-' (got 'team a.')",
    ],
    ['tenant/1.', "KAFKA_TOPIC_PREFIX may hold only letters, digits, '.', '_' and '-'"],
    ['préprod.', "KAFKA_TOPIC_PREFIX may hold only letters, digits, '.', '_' and '-'"],
    [
      'p'.repeat(KAFKA_TOPIC_PREFIX_MAX_LENGTH + 1),
      "KAFKA_TOPIC_PREFIX must be at most 200 characters, so topic names stay within Kafka's 249 (got 201)",
    ],
  ])('stops the service on %j with one line naming the variable', (prefix, message) => {
    const read = () => readKafkaTopicPrefix({ KAFKA_TOPIC_PREFIX: prefix });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(`Invalid configuration: ${message}`);
  });

  it('is part of the infrastructure settings every service reads', () => {
    const infra = readInfraConfig({
      DATABASE_URL: 'postgres://localhost/subsync',
      KAFKA_BROKERS: '127.0.0.1:9092',
      KAFKA_TOPIC_PREFIX: 'e2e-3f9a.',
    });
    expect(infra.kafkaTopicPrefix).toBe('e2e-3f9a.');
  });
});
