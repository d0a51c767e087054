import { errors as jose } from 'jose';
import { KafkaJSConnectionError } from 'kafkajs';
import { isDependencyDown } from './dependency-unavailable';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDependencyDown', () => {
  it.each<[string, unknown]>([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    [
      'a refused connection to each address of localhost',
      new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''),
    ],
    ['a lost PostgreSQL connection', new Error('Connection terminated unexpectedly')],
    ['a pool that could not connect in time', new Error('timeout exceeded when trying to connect')],
    [
      'PostgreSQL shutting down (57P01), as the error a query failed with',
      Object.assign(new Error('Query failed'), {
        driverError: withCode('terminating connection', '57P01'),
      }),
    ],
    ['too many connections (53300)', withCode('sorry, too many clients already', '53300')],
    ['a Kafka broker that cannot be reached', new KafkaJSConnectionError('Connection error')],
    ['a key set that timed out', new jose.JWKSTimeout()],
    [
      'a fetch whose cause is a reset socket',
      new TypeError('fetch failed', { cause: withCode('read ECONNRESET', 'ECONNRESET') }),
    ],
  ])('is true for %s', (_case, error) => {
    expect(isDependencyDown(error)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'trim')")],
    [
      'a query PostgreSQL refused for its input (22021)',
      Object.assign(new Error('Query failed'), {
        driverError: withCode('invalid byte sequence', '22021'),
      }),
    ],
    ['a unique violation (23505)', withCode('duplicate key value', '23505')],
    ['something not an Error', 'ECONNREFUSED'],
  ])('is false for %s', (_case, error) => {
    expect(isDependencyDown(error)).toBe(false);
  });
});
