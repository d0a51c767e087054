import { addOneMonth } from './s6-rows-read.scenario';

describe('a bill run moves a charge one month on', () => {
  it('keeps the day of the month', () => {
    expect(addOneMonth('2025-03-10')).toBe('2025-04-10');
    expect(addOneMonth('2025-12-15')).toBe('2026-01-15');
  });

  it('clamps to the end of a shorter month', () => {
    expect(addOneMonth('2025-01-31')).toBe('2025-02-28');
    expect(addOneMonth('2024-01-31')).toBe('2024-02-29');
    expect(addOneMonth('2025-08-31')).toBe('2025-09-30');
  });
});
