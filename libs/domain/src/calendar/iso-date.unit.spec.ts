import { addDays, addMonths, earliest, latest } from './iso-date';

describe('addMonths', () => {
  it.each([
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-01-31', 2, '2026-03-31'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-12-01', 12, '2027-12-01'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-01-10', 60, '2031-01-10'],
  ])('%s + %i months = %s', (anchor, months, expected) => {
    expect(addMonths(anchor, months)).toBe(expected);
  });
});

describe('addDays', () => {
  it.each([
    ['2026-02-25', 7, '2026-03-04'],
    ['2028-02-25', 7, '2028-03-03'],
    ['2026-12-28', 7, '2027-01-04'],
    ['2026-03-01', -1, '2026-02-28'],
  ])('%s + %i days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('earliest and latest', () => {
  it.each([
    [['2026-05-01', null, '2026-03-01'], '2026-03-01', '2026-05-01'],
    [[null, undefined], null, null],
    [['2026-01-01'], '2026-01-01', '2026-01-01'],
  ])('of %j: earliest %s, latest %s', (dates, first, last) => {
    expect(earliest(...dates)).toBe(first);
    expect(latest(...dates)).toBe(last);
  });
});
