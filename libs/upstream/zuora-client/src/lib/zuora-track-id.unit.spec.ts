import { sanitizeTrackId } from './zuora-track-id';

describe('sanitizeTrackId', () => {
  it('keeps a valid id as is', () => {
    expect(sanitizeTrackId('3f0c2a9e-8d1b-4c55-9e0f-2b7d1c6a4e10')).toBe(
      '3f0c2a9e-8d1b-4c55-9e0f-2b7d1c6a4e10',
    );
  });

  it('drops : ; " \' and non-ASCII characters and cuts to 64 characters', () => {
    expect(sanitizeTrackId(`sync:"a";'b'\u00fc\n`)).toBe('syncab');
    expect(sanitizeTrackId('y'.repeat(100))).toHaveLength(64);
  });

  it('gives undefined when nothing is left', () => {
    expect(sanitizeTrackId(':;')).toBeUndefined();
    expect(sanitizeTrackId(undefined)).toBeUndefined();
  });
});
