import { escapeNulCharacters } from './nul-characters';

describe('escapeNulCharacters', () => {
  it('writes every NUL character as a visible escape, deep inside objects and arrays', () => {
    const at = new Date('2026-12-01T00:00:00Z');
    expect(
      escapeNulCharacters({
        ref: 'A-S\u00001',
        nested: [{ ['k\u0000ey']: 'v\u0000\u0000' }],
        count: 3,
        none: null,
        at,
      }),
    ).toEqual({
      ref: 'A-S\\u00001',
      nested: [{ 'k\\u0000ey': 'v\\u0000\\u0000' }],
      count: 3,
      none: null,
      at,
    });
  });

  it('leaves values without one as they are', () => {
    const value = { ref: 'A-S00000271', list: ['a', 'b'] };
    expect(escapeNulCharacters(value)).toEqual(value);
    expect(escapeNulCharacters('plain')).toBe('plain');
  });
});
