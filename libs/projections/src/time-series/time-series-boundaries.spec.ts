import { timeSeriesBoundaries } from './time-series-boundaries';

const Q1 = { startsOn: '2026-01-01', endsOn: '2026-03-31' };
const iso = (list: number[]) => list.map((at) => new Date(at).toISOString());
const AFTER = Date.parse('2026-06-01T00:00:00Z');

describe('timeSeriesBoundaries', () => {
  it('ends each day of a finished cycle, the last one at the cycle end', () => {
    const days = iso(timeSeriesBoundaries(Q1, 'day', { now: AFTER }));
    expect(days).toHaveLength(90);
    expect(days[0]).toBe('2026-01-02T00:00:00.000Z');
    expect(days[89]).toBe('2026-04-01T00:00:00.000Z');
  });

  it('counts weeks from the cycle start and closes with the cycle end', () => {
    const weeks = iso(timeSeriesBoundaries(Q1, 'week', { now: AFTER }));
    expect(weeks).toHaveLength(13);
    expect(weeks.slice(0, 2)).toEqual(['2026-01-08T00:00:00.000Z', '2026-01-15T00:00:00.000Z']);
    expect(weeks.slice(-2)).toEqual(['2026-03-26T00:00:00.000Z', '2026-04-01T00:00:00.000Z']);
    // A cycle of exactly two weeks ends on a week boundary: no duplicate.
    expect(iso(timeSeriesBoundaries({ startsOn: '2026-01-01', endsOn: '2026-01-14' }, 'week', { now: AFTER }))).toEqual([
      '2026-01-08T00:00:00.000Z',
      '2026-01-15T00:00:00.000Z',
    ]);
  });

  it('stops at now while the cycle runs, with now as the last boundary, and has none before the start', () => {
    const now = Date.parse('2026-01-20T10:30:00.000Z');
    expect(iso(timeSeriesBoundaries(Q1, 'week', { now }))).toEqual([
      '2026-01-08T00:00:00.000Z',
      '2026-01-15T00:00:00.000Z',
      '2026-01-20T10:30:00.000Z',
    ]);
    expect(iso(timeSeriesBoundaries(Q1, 'day', { now: Date.parse('2026-01-03T00:00:00.000Z') }))).toEqual([
      '2026-01-02T00:00:00.000Z',
      '2026-01-03T00:00:00.000Z',
    ]);
    expect(timeSeriesBoundaries(Q1, 'day', { now: Date.parse('2025-12-31T23:00:00Z') })).toEqual([]);
    expect(timeSeriesBoundaries(Q1, 'day', { now: Date.parse('2026-01-01T00:00:00Z') })).toEqual([]);
  });

  it('narrows to from and to (inclusive)', () => {
    const weeks = iso(
      timeSeriesBoundaries(Q1, 'week', { now: AFTER, from: Date.parse('2026-01-15T00:00:00Z'), to: Date.parse('2026-02-04T00:00:00Z') }),
    );
    expect(weeks).toEqual(['2026-01-15T00:00:00.000Z', '2026-01-22T00:00:00.000Z', '2026-01-29T00:00:00.000Z']);
  });
});
