import { BadRequestException } from '@nestjs/common';
import { parseEventFilters } from './event-list.params';

const JOB = 'backfill-0123456789abcdef0123456789abcdef';

describe('parseEventFilters', () => {
  it('takes a backfill job id, a status and a limit', () => {
    expect(parseEventFilters({ backfill: JOB, status: 'failed', limit: '20' })).toEqual({
      backfill: JOB,
      status: 'failed',
      limit: 20,
    });
  });

  it.each(['42', 'backfill-', 'backfill-0123456789ABCDEF0123456789ABCDEF', "x' OR 1=1"])(
    'refuses a backfill value that is no job id: %s',
    (bad) => {
      expect(() => parseEventFilters({ backfill: bad })).toThrow(BadRequestException);
      expect(() => parseEventFilters({ backfill: bad })).toThrow(
        /backfill must be a backfill job id/,
      );
    },
  );

  it('refuses a range whose end is not after its start', () => {
    expect(() =>
      parseEventFilters({ from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' }),
    ).toThrow(/from must be before to/);
  });

  it('refuses a cursor it did not make', () => {
    expect(() => parseEventFilters({ cursor: 'bm90LWEtY3Vyc29y' })).toThrow(
      /cursor is not one this API returned/,
    );
  });
});
