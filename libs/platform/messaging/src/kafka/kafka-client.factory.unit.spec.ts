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
    [
      'a ListOffsets response from a broker that is not the leader yet (a new topic) is debug',
      logLevel.ERROR,
      log('Response ListOffsets(key: 2, version: 3)', {
        error: 'This server is not the leader for that topic-partition',
      }),
      logLevel.DEBUG,
    ],
    [
      'a response during a leader election is debug',
      logLevel.ERROR,
      log('Response Metadata(key: 3, version: 6)', {
        error:
          'There is no leader for this topic-partition as we are in the middle of a leadership election',
      }),
      logLevel.DEBUG,
    ],
    [
      'a Metadata response naming a partition the broker does not know yet (a new topic) is debug',
      logLevel.ERROR,
      log('Response Metadata(key: 3, version: 6)', {
        error: 'This server does not host this topic-partition',
      }),
      logLevel.DEBUG,
    ],
    [
      'another error response stays an error',
      logLevel.ERROR,
      log('Response Produce(key: 0, version: 7)', { error: 'The request timed out' }),
      logLevel.ERROR,
    ],
    ['a warning stays a warning', logLevel.WARN, log('Connection timeout'), logLevel.WARN],
  ])('%s', (_name, level, entry, expected) => {
    expect(kafkaLogLevel(level, entry)).toBe(expected);
  });
});
