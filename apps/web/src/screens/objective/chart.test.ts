import { describe, expect, it } from 'vitest';
import { linear, monthTicks, niceTicks, stepPath } from './chart';

describe('the arithmetic of the time charts', () => {
  it('maps a domain onto a range, a flat domain to its middle', () => {
    const x = linear([10, 20], [0, 100]);
    expect([x(10), x(15), x(20)]).toEqual([0, 50, 100]);
    expect(linear([3, 3], [0, 100])(3)).toBe(50);
  });

  it('picks round ticks that cover the values', () => {
    expect(niceTicks(0, 1, 4)).toEqual([0, 0.5, 1]);
    expect(niceTicks(2.5, 5, 4)).toEqual([2, 3, 4, 5]);
    expect(niceTicks(13, 487, 4)).toEqual([0, 200, 400, 600]);
    expect(niceTicks(7, 7, 4)).toEqual([6, 6.5, 7, 7.5, 8]);
  });

  it('marks the first day of each month inside the span', () => {
    const ticks = monthTicks(Date.parse('2026-01-01T00:00:00Z'), Date.parse('2026-03-31T23:59:59Z'));
    expect(ticks.map((t) => new Date(t).toISOString().slice(0, 10))).toEqual(['2026-02-01', '2026-03-01']);
    expect(monthTicks(Date.parse('2026-01-03T00:00:00Z'), Date.parse('2026-01-20T00:00:00Z'))).toEqual([]);
  });

  it('draws a value that holds until the next one, the last until the end given', () => {
    expect(
      stepPath(
        [
          { x: 0, y: 50 },
          { x: 10, y: 40 },
          { x: 30, y: 20 },
        ],
        60,
      ),
    ).toBe('M0 50 H10 V40 H30 V20 H60');
  });
});
