import { BenchOptionsError, SCENARIOS, parseBenchOptions } from './bench-options';

describe('parseBenchOptions', () => {
  it('runs every scenario at full size by default', () => {
    expect(parseBenchOptions([])).toEqual({
      only: [...SCENARIOS],
      quick: false,
      fresh: false,
      profile: false,
      keepWork: false,
      help: false,
    });
  });

  it('keeps the run order whatever the order of --only', () => {
    expect(parseBenchOptions(['--only', 'rss,ceilings']).only).toEqual(['ceilings', 'rss']);
    expect(parseBenchOptions(['--only=checkins']).only).toEqual(['checkins']);
  });

  it('reads flags and --seconds', () => {
    expect(parseBenchOptions(['--quick', '--fresh', '--profile', '--keep-work', '--seconds', '5'])).toMatchObject({
      quick: true,
      fresh: true,
      profile: true,
      keepWork: true,
      seconds: 5,
    });
  });

  it('refuses unknown scenarios, arguments and bad values', () => {
    expect(() => parseBenchOptions(['--only', 'rebuild,nope'])).toThrow(BenchOptionsError);
    expect(() => parseBenchOptions(['--only'])).toThrow(BenchOptionsError);
    expect(() => parseBenchOptions(['--fast'])).toThrow(BenchOptionsError);
    expect(() => parseBenchOptions(['--seconds', '0'])).toThrow(BenchOptionsError);
  });
});
