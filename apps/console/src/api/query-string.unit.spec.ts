import { queryString } from './query-string';

describe('queryString', () => {
  it('encodes values and leaves out blank ones', () => {
    expect(queryString({ search: 'A-S 1&2', cursor: null, limit: undefined, type: ' ' })).toBe(
      '?search=A-S+1%262',
    );
  });

  it('is empty when nothing is set', () => {
    expect(queryString({})).toBe('');
  });
});
