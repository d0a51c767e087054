import { BenchUsageError, parseBenchOptions } from './bench.options';

describe('bench command line', () => {
  it('runs every scenario at full length by default', () => {
    expect(parseBenchOptions([])).toEqual({
      quick: false,
      only: ['S0', 'S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7'],
    });
  });

  it('takes --quick and --only in either spelling, keeping the fixed order', () => {
    expect(parseBenchOptions(['--only', 's3,S1', '--quick'])).toEqual({
      quick: true,
      only: ['S1', 'S3'],
    });
    expect(parseBenchOptions(['--only=S6, S3b']).only).toEqual(['S3', 'S6']);
  });

  it('names what is wrong', () => {
    expect(() => parseBenchOptions(['--only', 'S1,S9'])).toThrow("unknown scenario 'S9'");
    expect(() => parseBenchOptions(['--only'])).toThrow(BenchUsageError);
    expect(() => parseBenchOptions(['--fast'])).toThrow("unknown argument '--fast'");
  });
});
