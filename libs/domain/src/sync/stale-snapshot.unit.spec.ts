import { decideSnapshot, supersededInBatch } from './stale-snapshot';

const at = (time: string) => new Date(`2026-12-01T10:00:${time}Z`);

describe('decideSnapshot', () => {
  it.each([
    [
      'nothing stored yet',
      { appliedAt: null, version: null },
      { fetchStartedAt: at('05'), version: 3 },
      'apply',
    ],
    [
      'the stored snapshot was applied before this fetch began',
      { appliedAt: at('04'), version: 3 },
      { fetchStartedAt: at('05'), version: 3 },
      'apply',
    ],
    [
      'a newer version fetched',
      { appliedAt: at('01'), version: 3 },
      { fetchStartedAt: at('05'), version: 4 },
      'apply',
    ],
    [
      'another sync committed after this fetch began, with the same version',
      { appliedAt: at('06'), version: 3 },
      { fetchStartedAt: at('05'), version: 3 },
      'refetch',
    ],
    [
      'another sync committed after this fetch began, even with an older version',
      { appliedAt: at('06'), version: 2 },
      { fetchStartedAt: at('05'), version: 3 },
      'refetch',
    ],
    [
      'an older version than the stored one',
      { appliedAt: at('01'), version: 5 },
      { fetchStartedAt: at('05'), version: 4 },
      'refetch',
    ],
  ] as const)('%s → %s', (_case, stored, fetched, expected) => {
    expect(decideSnapshot(stored, fetched).kind).toBe(expected);
  });

  it('says why it refetches', () => {
    const decision = decideSnapshot(
      { appliedAt: at('06'), version: 3 },
      { fetchStartedAt: at('05'), version: 3 },
    );
    expect(decision).toEqual({
      kind: 'refetch',
      reason:
        'another sync committed at 2026-12-01T10:00:06.000Z, after this fetch began at 2026-12-01T10:00:05.000Z',
    });
  });
});

describe('supersededInBatch', () => {
  const item = (key: string, time: string) => ({ key, fetchStartedAt: at(time) });

  it.each([
    ['different subscriptions', [item('A', '01'), item('B', '02')], []],
    ['the same one twice, later fetch last', [item('A', '01'), item('A', '02')], [0]],
    ['the same one twice, later fetch first', [item('A', '02'), item('A', '01')], [1]],
    [
      'fetches that began together: the first is refetched',
      [item('A', '01'), item('A', '01')],
      [0],
    ],
    [
      'three of one, among others',
      [item('A', '02'), item('B', '01'), item('A', '03'), item('A', '01')],
      [0, 3],
    ],
  ])('%s → refetch %j', (_case, items, expected) => {
    expect([...supersededInBatch(items).keys()].sort()).toEqual(expected);
  });

  it('says why', () => {
    expect(supersededInBatch([item('A-S1', '01'), item('A-S1', '02')])).toEqual(
      new Map([[0, 'another sync of A-S1 was written with it']]),
    );
  });
});
