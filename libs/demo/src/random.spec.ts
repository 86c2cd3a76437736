import { Random, hash32, mulberry32 } from './random';

describe('Random (mulberry32)', () => {
  it('gives the same sequence for the same seed, and another for another seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(first);
  });

  it('stays in its ranges', () => {
    const r = new Random(7);
    for (let i = 0; i < 2000; i++) {
      const f = r.float();
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
      const n = r.int(-2, 3);
      expect(Number.isInteger(n) && n >= -2 && n <= 3).toBe(true);
      const x = r.between(10, 20);
      expect(x >= 10 && x < 20).toBe(true);
    }
  });

  it('reaches both ends of int ranges and every item of pick', () => {
    const r = new Random(1);
    const ints = new Set(Array.from({ length: 500 }, () => r.int(1, 4)));
    expect([...ints].sort()).toEqual([1, 2, 3, 4]);
    const picks = new Set(Array.from({ length: 500 }, () => r.pick(['a', 'b', 'c'])));
    expect(picks.size).toBe(3);
  });

  it('picks by weight', () => {
    const r = new Random(3);
    const counts = { rare: 0, common: 0 };
    for (let i = 0; i < 5000; i++)
      counts[
        r.weighted([
          ['rare', 1],
          ['common', 9],
        ] as const)
      ]++;
    expect(counts.common / 5000).toBeGreaterThan(0.85);
    expect(counts.rare).toBeGreaterThan(0);
  });

  it('shuffles in place, keeping the items', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const shuffled = new Random(5).shuffle([...items]);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    expect(shuffled).not.toEqual(items);
  });

  it('draws normals around the mean', () => {
    const r = new Random(11);
    const values = Array.from({ length: 4000 }, () => r.normal(5, 2));
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    expect(mean).toBeCloseTo(5, 0);
    expect(sd).toBeGreaterThan(1.8);
    expect(sd).toBeLessThan(2.2);
  });

  it('forks independent, reproducible generators by label', () => {
    const root = new Random(9);
    expect(root.fork('plan').float()).toBe(new Random(9).fork('plan').float());
    expect(root.fork('plan').float()).not.toBe(root.fork('simulation').float());
    expect(hash32('abc')).toBe(hash32('abc'));
    expect(hash32('abc')).not.toBe(hash32('abd'));
  });

  it('refuses to pick from nothing', () => {
    expect(() => new Random(1).pick([])).toThrow('empty');
  });
});
