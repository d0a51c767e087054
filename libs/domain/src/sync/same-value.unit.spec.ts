import { sameValue } from './same-value';

describe('sameValue', () => {
  it('ignores key order and treats a missing key as null', () => {
    expect(sameValue({ a: 1, b: [{ x: 'y', z: null }] }, { b: [{ x: 'y' }], a: 1 })).toBe(true);
  });

  it('sees a changed value, length or type', () => {
    expect(sameValue({ a: '12.00' }, { a: '12.0' })).toBe(false);
    expect(sameValue([1, 2], [1, 2, 3])).toBe(false);
    expect(sameValue([1], { 0: 1 })).toBe(false);
    expect(sameValue(null, {})).toBe(false);
  });
});
