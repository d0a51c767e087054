import { logLevel } from 'kafkajs';
import { kafkaLogLevel } from './kafka-client.factory';

const log = (message: string, extra: Record<string, unknown> = {}) => ({
  namespace: 'Connection',
  label: 'ERROR',
  timestamp: '2026-12-02T00:00:00.000Z',
  logger: 'kafkajs',
  message,
  ...extra,
});

describe('kafkaLogLevel', () => {
  it.each([
    [
      'a CreateTopics response with topic errors (the start-up race) is debug',
      logLevel.ERROR,
      log('Response CreateTopics(key: 19, version: 3)', { error: 'Topic creation errors' }),
      logLevel.DEBUG,
    ],
    [
      'another CreateTopics failure stays an error',
      logLevel.ERROR,
      log('Response CreateTopics(key: 19, version: 3)', { error: 'Not authorized' }),
      logLevel.ERROR,
    ],
    [
      'a failed response of another request stays an error',
      logLevel.ERROR,
      log('Response Metadata(key: 3, version: 6)', { error: 'Topic creation errors' }),
      logLevel.ERROR,
    ],
    ['a warning stays a warning', logLevel.WARN, log('Connection timeout'), logLevel.WARN],
  ])('%s', (_name, level, entry, expected) => {
    expect(kafkaLogLevel(level, entry)).toBe(expected);
  });
});
