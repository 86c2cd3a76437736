import { percentile, round, summariseLatencies } from './stats';

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('gives the smallest sample with at least p % of samples at or below it', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile(hundred, 0)).toBe(1);
  });

  it('handles one sample and no samples', () => {
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('rounds the rank up', () => {
    expect(percentile([1, 2, 3], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 51)).toBe(3);
  });

  it('refuses a percentile outside 0..100', () => {
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], -1)).toThrow(RangeError);
  });
});

describe('summariseLatencies', () => {
  it('sorts numerically without changing the input', () => {
    const input = [10, 2, 33, 4];
    const summary = summariseLatencies(input);
    expect(input).toEqual([10, 2, 33, 4]);
    expect(summary).toMatchObject({ samples: 4, min: 2, max: 33, p50: 4, p99: 33, mean: 12.25 });
  });

  it('gives NaN figures for no samples', () => {
    expect(summariseLatencies([]).p95).toBeNaN();
  });
});

describe('round', () => {
  it('rounds to the given decimals and keeps non-finite values', () => {
    expect(round(1.23456, 2)).toBe(1.23);
    expect(round(Infinity)).toBe(Infinity);
  });
});
