import { dueAtMs, dueCount } from './open-loop.pacer';

describe('open-loop pacing', () => {
  it('spreads requests evenly at the rate', () => {
    expect([0, 1, 2, 50].map((i) => dueAtMs(i, 50))).toEqual([0, 20, 40, 1000]);
    expect(() => dueAtMs(1, 0)).toThrow(RangeError);
  });

  it('counts what is due, the first at once and never more than the total', () => {
    expect(dueCount(-1, 50, 1000)).toBe(0);
    expect(dueCount(0, 50, 1000)).toBe(1);
    expect(dueCount(19.9, 50, 1000)).toBe(1);
    expect(dueCount(20, 50, 1000)).toBe(2);
    expect(dueCount(1000, 50, 1000)).toBe(51);
    expect(dueCount(60_000, 50, 1000)).toBe(1000);
  });

  it('agrees with dueAtMs: request i is due exactly when the count passes i', () => {
    for (const i of [0, 7, 123, 999]) {
      const at = dueAtMs(i, 50);
      expect(dueCount(at, 50, 1000)).toBe(i + 1);
      expect(dueCount(at - 0.001, 50, 1000)).toBe(i);
    }
  });
});
