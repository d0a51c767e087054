import {
  countOf,
  formatDate,
  formatDuration,
  formatExpiry,
  formatInstantAt,
  formatValue,
  isoToLocalInput,
  localInputToIso,
  truncate,
} from './format';

describe('console formatting', () => {
  it('shows an instant as wall-clock time at the given offset', () => {
    expect(formatInstantAt('2025-01-31T23:30:05.120Z', 0)).toBe('2025-01-31 23:30:05');
    // getTimezoneOffset is -60 one hour east of UTC (Paris in winter).
    expect(formatInstantAt('2025-01-31T23:30:05.120Z', -60)).toBe('2025-02-01 00:30:05');
    expect(formatInstantAt('2025-01-31T01:00:00Z', 300)).toBe('2025-01-30 20:00:00');
  });

  it('leaves a value that is not an instant as it came', () => {
    expect(formatInstantAt('soon', 0)).toBe('soon');
  });

  it('shows calendar dates as YYYY-MM-DD and a missing one as a dash', () => {
    expect(formatDate('2026-03-01')).toBe('2026-03-01');
    expect(formatDate('2026-03-01T00:00:00.000Z')).toBe('2026-03-01');
    expect(formatDate(null)).toBe('—');
  });

  it('renders changed values: JSON for objects and arrays, a dash for null', () => {
    expect(formatValue(null)).toBe('—');
    expect(formatValue('active')).toBe('active');
    expect(formatValue(false)).toBe('false');
    expect(formatValue(12.5)).toBe('12.5');
    expect(formatValue({ city: 'Leeds' })).toBe('{"city":"Leeds"}');
    expect(formatValue(['a', 'b'])).toBe('["a","b"]');
  });

  it('says how long something took in the largest sensible unit', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(null)).toBe('—');
  });

  it('truncates long text with an ellipsis and keeps short text whole', () => {
    expect(truncate('Zuora answered 404', 40)).toBe('Zuora answered 404');
    expect(truncate('Zuora answered 404 for A-S00000999', 15)).toBe('Zuora answered…');
  });

  it('counts with the right plural', () => {
    expect(countOf(1, 'field')).toBe('1 field');
    expect(countOf(0, 'field')).toBe('0 fields');
    expect(countOf(3, 'field')).toBe('3 fields');
  });

  it('writes card expiry as MM/YYYY', () => {
    expect(formatExpiry(8, 2030)).toBe('08/2030');
    expect(formatExpiry(null, null)).toBe('—');
  });

  it('round-trips an instant through a datetime-local value in the local time zone', () => {
    const iso = '2025-06-15T08:45:00.000Z';
    expect(isoToLocalInput(iso)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(localInputToIso(isoToLocalInput(iso))).toBe(iso);
    expect(localInputToIso('')).toBe('');
    expect(localInputToIso('not a date')).toBe('');
  });
});
