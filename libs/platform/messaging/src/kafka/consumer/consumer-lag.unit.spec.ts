import { partitionLags } from './consumer-lag';

describe('partitionLags', () => {
  const offsets = new Map([
    [
      'sync.requested.v1',
      [
        { partition: 0, low: '0', high: '120' },
        { partition: 1, low: '40', high: '90' },
        { partition: 2, low: '0', high: '7' },
      ],
    ],
  ]);

  it('is the high watermark minus the committed offset, for the partitions this member owns', () => {
    const owned = new Map([['sync.requested.v1', [0, 1]]]);
    const committed = new Map([
      [
        'sync.requested.v1',
        new Map([
          [0, '100'],
          [1, '90'],
          [2, '0'],
        ]),
      ],
    ]);
    expect(partitionLags(owned, offsets, committed)).toEqual([
      { topic: 'sync.requested.v1', partition: 0, lag: 20 },
      { topic: 'sync.requested.v1', partition: 1, lag: 0 },
    ]);
  });

  it('counts from the oldest record kept where the group never committed', () => {
    const owned = new Map([['sync.requested.v1', [1, 2]]]);
    const committed = new Map([['sync.requested.v1', new Map([[1, '-1']])]]);
    expect(partitionLags(owned, offsets, committed)).toEqual([
      { topic: 'sync.requested.v1', partition: 1, lag: 50 },
      { topic: 'sync.requested.v1', partition: 2, lag: 7 },
    ]);
  });

  it('leaves out a partition whose offsets are unknown', () => {
    const owned = new Map([['identity.login.v1', [0]]]);
    expect(partitionLags(owned, offsets, new Map())).toEqual([]);
  });
});
