import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-unavailable';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each<[string, unknown]>([
    ['a lost PostgreSQL connection', new Error('Connection terminated unexpectedly')],
    ['a pool that could not connect in time', new Error('timeout exceeded when trying to connect')],
    [
      'PostgreSQL shutting down (57P01), as TypeORM wraps it',
      new QueryFailedError('SELECT 1', [], withCode('terminating connection', '57P01')),
    ],
    ['too many connections (53300)', withCode('sorry, too many clients already', '53300')],
    ['a connection failure (08006)', withCode('connection failure', '08006')],
  ])('is true for %s', (_case, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each<[string, unknown]>([
    [
      'a query PostgreSQL refused for its input (22021)',
      new QueryFailedError('SELECT $1', ['\u0000'], withCode('invalid byte sequence', '22021')),
    ],
    ['a unique violation (23505)', withCode('duplicate key value', '23505')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'trim')")],
    ['something not an Error', 'Connection terminated'],
  ])('is false for %s', (_case, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
