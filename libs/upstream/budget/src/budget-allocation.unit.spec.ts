import {
  adaptLimit,
  type AdaptiveLimit,
  fairShares,
  nextGrant,
  type AdaptOptions,
} from './budget-allocation';

describe('fairShares', () => {
  it('gives a modest holder what it wants and splits the rest equally', () => {
    const shares = fairShares(
      40,
      [
        { id: 'a', wanted: 5 },
        { id: 'b', wanted: 100 },
        { id: 'c', wanted: 100 },
      ],
      true,
    );
    expect(Object.fromEntries(shares)).toEqual({ a: 5, b: 18, c: 17 });
  });

  it('hands out the whole limit in whole slots, the same way on every holder', () => {
    const holders = [
      { id: 'p1', wanted: 80 },
      { id: 'p2', wanted: 80 },
      { id: 'p3', wanted: 80 },
    ];
    const shares = fairShares(40, holders, true);
    expect([...shares.values()].reduce((a, b) => a + b, 0)).toBe(40);
    expect(Object.fromEntries(shares)).toEqual({ p1: 14, p2: 13, p3: 13 });
    expect(Object.fromEntries(fairShares(40, [...holders].reverse(), true))).toEqual(
      Object.fromEntries(shares),
    );
  });

  it('splits a rate exactly', () => {
    const shares = fairShares(
      25,
      [
        { id: 'a', wanted: 30 },
        { id: 'b', wanted: 30 },
      ],
      false,
    );
    expect(Object.fromEntries(shares)).toEqual({ a: 12.5, b: 12.5 });
  });

  it('gives everyone what they want when there is enough', () => {
    expect(
      Object.fromEntries(
        fairShares(
          40,
          [
            { id: 'a', wanted: 3 },
            { id: 'b', wanted: 4 },
          ],
          true,
        ),
      ),
    ).toEqual({
      a: 3,
      b: 4,
    });
  });
});

describe('nextGrant', () => {
  it('grows only into what the others do not hold, and shrinks at once for new requests', () => {
    const a = { id: 'a', granted: 0, wanted: 40 };
    const b = { id: 'b', granted: 40, wanted: 40 };
    // b holds everything: a must wait.
    expect(nextGrant({ limit: 40, me: a, others: [b], inUse: 0, whole: true })).toEqual({
      allowance: 0,
      held: 0,
    });
    // b's next rebalance: no new requests beyond its share; it holds its 32 in flight until they end.
    expect(nextGrant({ limit: 40, me: b, others: [a], inUse: 32, whole: true })).toEqual({
      allowance: 20,
      held: 32,
    });
    // a takes what b no longer holds, up to its share.
    expect(
      nextGrant({ limit: 40, me: a, others: [{ ...b, granted: 32 }], inUse: 0, whole: true }),
    ).toEqual({ allowance: 8, held: 8 });
    expect(
      nextGrant({
        limit: 40,
        me: { ...a, granted: 8 },
        others: [{ ...b, granted: 20 }],
        inUse: 8,
        whole: true,
      }),
    ).toEqual({ allowance: 20, held: 20 });
  });

  it('never lets what the holders hold together exceed the limit, and settles on a fair split', () => {
    const ids = ['a', 'b', 'c'] as const;
    const held = { a: 40, b: 0, c: 0 };
    const allowance = { a: 40, b: 0, c: 0 };
    for (let round = 0; round < 30; round += 1) {
      for (const id of ids) {
        const others = ids
          .filter((other) => other !== id)
          .map((other) => ({ id: other, granted: held[other], wanted: 60 }));
        // Busy: everything allowed is in use; what a shrunk allowance no longer covers has ended.
        const inUse = Math.min(held[id], allowance[id]);
        const next = nextGrant({
          limit: 40,
          me: { id, granted: held[id], wanted: 60 },
          others,
          inUse,
          whole: true,
        });
        held[id] = next.held;
        allowance[id] = next.allowance;
        expect(held.a + held.b + held.c).toBeLessThanOrEqual(40);
      }
    }
    expect(allowance).toEqual({ a: 14, b: 13, c: 13 });
  });

  it('lets an idle holder give everything back', () => {
    expect(
      nextGrant({
        limit: 40,
        me: { id: 'a', granted: 30, wanted: 0 },
        others: [],
        inUse: 0,
        whole: true,
      }),
    ).toEqual({ allowance: 0, held: 0 });
  });
});

describe('adaptLimit', () => {
  const options: AdaptOptions = {
    decreaseFactor: 0.5,
    increasePerSecond: 2,
    holdMs: 1_000,
    floor: 1,
  };
  const t = (seconds: number) => new Date(Date.UTC(2026, 11, 1, 10, 0, seconds));
  const start: AdaptiveLimit = { ceiling: 40, current: 40, decreasedAt: null, increasedAt: t(0) };

  it('halves at a push-back, counts a burst of push-backs once, then grows back to the ceiling', () => {
    const cut = adaptLimit(start, true, t(1), options);
    expect(cut.current).toBe(20);
    expect(adaptLimit(cut, true, t(1), options).current).toBe(20); // same burst
    const later = adaptLimit(cut, false, t(6), options);
    expect(later.current).toBe(30); // 5 s × 2 per second
    expect(adaptLimit(later, false, t(60), options).current).toBe(40);
  });

  it('never goes below the floor or above the ceiling', () => {
    let limit = { ...start, current: 2 };
    for (let s = 0; s < 10; s += 2) limit = adaptLimit(limit, true, t(s), options);
    expect(limit.current).toBe(1);
    expect(adaptLimit({ ...start, current: 55 }, false, t(1), options).current).toBe(40);
  });
});
