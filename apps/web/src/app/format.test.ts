import { describe, expect, it } from 'vitest';
import { daysAgo, instantOf, isDateValue, points } from './format';

describe('dates of the URL', () => {
  const now = new Date(2026, 2, 15, 12, 0, 0);

  it('reads a date as the end of that local day, and never later than a minute ago', () => {
    expect(new Date(instantOf('2026-02-01', now)).getTime()).toBe(new Date(2026, 1, 1, 23, 59, 59, 999).getTime());
    expect(new Date(instantOf('2026-03-15', now)).getTime()).toBe(now.getTime() - 60_000);
    expect(instantOf('2026-02-01T10:00:00Z', now)).toBe('2026-02-01T10:00:00.000Z');
  });

  it('takes dates and instants with a time zone, nothing else', () => {
    expect(isDateValue('2026-02-01')).toBe(true);
    expect(isDateValue('2026-02-01T10:00:00Z')).toBe(true);
    expect(isDateValue('2026-02-01T10:00:00+02:00')).toBe(true);
    expect(isDateValue('2026-02-01T10:00:00')).toBe(false);
    expect(isDateValue('yesterday')).toBe(false);
    expect(isDateValue('2026-02-30')).toBe(false);
  });

  it('says how long ago and by how much, as people read it', () => {
    expect(daysAgo(new Date(2026, 2, 15, 8).toISOString(), now)).toBe('today');
    expect(daysAgo(new Date(2026, 2, 14, 8).toISOString(), now)).toBe('1 day ago');
    expect(daysAgo(new Date(2026, 2, 3, 8).toISOString(), now)).toBe('12 days ago');
    expect(points(0.054)).toBe('+5 pts');
    expect(points(-0.2)).toBe('−20 pts');
    expect(points(0.001)).toBe('±0 pts');
  });
});
