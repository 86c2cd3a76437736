import { Metric } from './metric';
import {
  CheckInPoint,
  KeyResultFigures,
  clamp01,
  keyResultProgress,
  keyResultScore,
  checkInInEffect,
  compareCheckIns,
  compareCheckInsAt,
  effectiveMillis,
  latestCheckIn,
  objectiveFigures,
  objectiveScore,
  supersedes,
  weightedMean,
} from './progress';

const metric = (type: Metric['type'], start: number, target: number): Metric => ({ type, start, target, unit: null });
const figures = (weight: number, progress: number, grade: number | null = null, removed = false): KeyResultFigures => ({
  weight,
  progress,
  grade,
  removed,
});
const point = (value: number, effectiveAt: string, sequence: number): CheckInPoint => ({ value, confidence: 0.5, effectiveAt, sequence });

describe('clamp01', () => {
  it.each([
    [-0.5, 0],
    [0, 0],
    [0.42, 0.42],
    [1, 1],
    [1.7, 1],
  ])('clamp01(%p) = %p', (value, expected) => {
    expect(clamp01(value)).toBe(expected);
  });
});

describe('keyResultProgress', () => {
  describe('increase (start 20, target 60)', () => {
    const m = metric('increase', 20, 60);
    it.each([
      [20, 0, 0],
      [30, 0.25, 0.25],
      [50, 0.75, 0.75],
      [60, 1, 1],
      [80, 1.5, 1],
      [10, -0.25, 0],
    ])('current %p → raw %p, clamped %p', (current, raw, clamped) => {
      const p = keyResultProgress(m, current);
      expect(p.raw).toBeCloseTo(raw, 12);
      expect(p.clamped).toBeCloseTo(clamped, 12);
    });

    it('computes a fractional raw progress', () => {
      expect(keyResultProgress(m, 33).raw).toBeCloseTo(0.325, 12);
    });
  });

  describe('decrease (start 10, target 4)', () => {
    const m = metric('decrease', 10, 4);
    it.each([
      [10, 0, 0],
      [7, 0.5, 0.5],
      [4, 1, 1],
      [1, 1.5, 1],
      [13, -0.5, 0],
    ])('current %p → raw %p, clamped %p', (current, raw, clamped) => {
      const p = keyResultProgress(m, current);
      expect(p.raw).toBeCloseTo(raw, 12);
      expect(p.clamped).toBeCloseTo(clamped, 12);
    });

    it('computes a fractional raw progress', () => {
      expect(keyResultProgress(m, 8).raw).toBeCloseTo(1 / 3, 12);
    });
  });

  describe('atLeast (target 99.9)', () => {
    const m = metric('atLeast', 0, 99.9);
    it.each([
      [99.9, 1],
      [100, 1],
      [99.89, 0],
      [0, 0],
    ])('current %p → %p', (current, p) => {
      expect(keyResultProgress(m, current)).toEqual({ raw: p, clamped: p });
    });
  });

  describe('atMost (target 200)', () => {
    const m = metric('atMost', 0, 200);
    it.each([
      [200, 1],
      [150, 1],
      [-3, 1],
      [200.5, 0],
    ])('current %p → %p', (current, p) => {
      expect(keyResultProgress(m, current)).toEqual({ raw: p, clamped: p });
    });
  });

  describe('milestone', () => {
    const m = metric('milestone', 0, 1);
    it.each([
      [0, 0],
      [0.99, 0],
      [1, 1],
      [2, 1],
      [-1, 0],
    ])('current %p → %p', (current, p) => {
      expect(keyResultProgress(m, current)).toEqual({ raw: p, clamped: p });
    });
  });
});

describe('weightedMean', () => {
  it('is 0 with nothing to average', () => {
    expect(weightedMean([])).toBe(0);
  });

  it('weights the values', () => {
    expect(
      weightedMean([
        { weight: 1, value: 0.5 },
        { weight: 3, value: 0.25 },
      ]),
    ).toBeCloseTo(0.3125, 12);
    expect(weightedMean([{ weight: 7, value: 0.4 }])).toBeCloseTo(0.4, 12);
  });
});

describe('objectiveFigures', () => {
  const kr = (weight: number, progress: number, confidence: number | null = null) => ({ weight, progress, confidence });

  it('progress is the weighted mean of the key results progress, confidence that of those that have one', () => {
    // (2 × 0.5 + 1 × 0.2) / 3 = 0.4; confidence (1 × 0.6) / 1
    const figures = objectiveFigures([kr(2, 0.5), kr(1, 0.2, 0.6)], {});
    expect(figures.progress).toBeCloseTo(0.4, 12);
    expect(figures.confidence).toBe(0.6);
    expect(figures.rollup).toBe(figures.progress);
  });

  it('rolls up the key results and the aligned children together', () => {
    // (2 × 0.5 + 2 × 1) / 4 = 0.75, progress 0.5 (key results only)
    expect(objectiveFigures([kr(2, 0.5)], { c1: { weight: 2, rollup: 1 } })).toEqual({ progress: 0.5, confidence: null, rollup: 0.75 });
    expect(objectiveFigures([], { c1: { weight: 1, rollup: 0.2 }, c2: { weight: 3, rollup: 0.6 } })).toEqual({
      progress: 0,
      confidence: null,
      rollup: expect.closeTo(0.5, 12),
    });
  });

  it('is 0 (and no confidence) with nothing to average', () => {
    expect(objectiveFigures([], {})).toEqual({ progress: 0, confidence: null, rollup: 0 });
  });
});

describe('keyResultScore', () => {
  it('is the grade when there is one', () => {
    expect(keyResultScore(figures(1, 0.3, 0.8))).toBe(0.8);
  });

  it('is the grade even when the grade is 0', () => {
    expect(keyResultScore(figures(1, 0.9, 0))).toBe(0);
  });

  it('is the progress without a grade', () => {
    expect(keyResultScore(figures(1, 0.3))).toBe(0.3);
  });
});

describe('objectiveScore', () => {
  it('is the weighted mean of the live key results scores, grades overriding progress', () => {
    // (1 × 0.5 + 3 × grade 0.25) / 4 = 0.3125; the removed one is ignored
    expect(objectiveScore([figures(1, 0.5), figures(3, 1, 0.25), figures(5, 1, 1, true)])).toBeCloseTo(0.3125, 12);
  });

  it('is 0 without live key results', () => {
    expect(objectiveScore([])).toBe(0);
    expect(objectiveScore([figures(1, 1, 1, true)])).toBe(0);
  });
});

describe('supersedes', () => {
  const a = point(10, '2026-02-01T00:00:00.000Z', 0);

  it('supersedes nothing', () => {
    expect(supersedes(a, null)).toBe(true);
  });

  it('compares effectiveAt first', () => {
    expect(supersedes(point(1, '2026-02-02T00:00:00.000Z', 0), a)).toBe(true);
    expect(supersedes(point(1, '2026-01-31T00:00:00.000Z', 5), a)).toBe(false);
  });

  it('breaks ties with the sequence', () => {
    expect(supersedes(point(1, '2026-02-01T00:00:00.000Z', 1), a)).toBe(true);
    expect(supersedes(point(1, '2026-02-01T00:00:00.000Z', 0), a)).toBe(false);
    expect(supersedes(a, point(1, '2026-02-01T00:00:00.000Z', 1))).toBe(false);
  });

  it('compares instants, not strings', () => {
    // 10:00+02:00 is 08:00Z, before 09:00Z although the string sorts after it.
    expect(supersedes(point(1, '2026-02-01T10:00:00+02:00', 3), point(2, '2026-02-01T09:00:00.000Z', 0))).toBe(false);
    // The same instant written two ways is a tie.
    expect(supersedes(point(1, '2026-02-01T10:00:00+02:00', 3), point(2, '2026-02-01T08:00:00.000Z', 0))).toBe(true);
  });
});

describe('latestCheckIn', () => {
  it('is null without check-ins', () => {
    expect(latestCheckIn([])).toBeNull();
  });

  it('is the check-in with the latest effectiveAt, whatever the recording order', () => {
    const late = point(50, '2026-02-10T00:00:00.000Z', 0);
    const backdated = point(30, '2026-01-10T00:00:00.000Z', 1);
    expect(latestCheckIn([late, backdated])).toBe(late);
    expect(latestCheckIn([backdated, late])).toBe(late);
  });

  it('breaks effectiveAt ties in favour of the latest recorded', () => {
    const first = point(10, '2026-02-10T00:00:00.000Z', 0);
    const second = point(20, '2026-02-10T00:00:00.000Z', 1);
    const third = point(30, '2026-02-09T00:00:00.000Z', 2);
    expect(latestCheckIn([first, second, third])).toBe(second);
    expect(latestCheckIn([second, first, third])).toBe(second);
  });

  it('keeps the extra fields of its input type', () => {
    const withId = { ...point(10, '2026-02-10T00:00:00.000Z', 0), checkInId: 'ci1' };
    expect(latestCheckIn([withId])?.checkInId).toBe('ci1');
  });

  it('never makes a check-in with an unreadable effectiveAt current', () => {
    const unreadable = point(99, 'soon', 1);
    expect(supersedes(unreadable, null)).toBe(false);
    expect(latestCheckIn([unreadable])).toBeNull();
    const readable = point(10, '2026-02-10T00:00:00.000Z', 0);
    expect(latestCheckIn([readable, unreadable])).toBe(readable);
    expect(latestCheckIn([unreadable, { ...readable, sequence: 2 }])?.value).toBe(10);
  });
});

describe('compareCheckIns: the order of a series, whose last check-in is the current one', () => {
  it('orders by effective time, then by recording, unreadable times first', () => {
    const series = [
      point(1, '2026-02-10T00:00:00.000Z', 0),
      point(2, '2026-01-10T00:00:00.000Z', 1),
      point(3, '2026-02-10T00:00:00.000Z', 2),
      point(4, 'not a date', 3),
      point(5, '2026-02-10T01:00:00+01:00', 4), // the same instant as the first, written another way
    ];
    expect([...series].sort(compareCheckIns).map((c) => c.value)).toEqual([4, 2, 1, 3, 5]);
    expect(latestCheckIn(series)?.value).toBe(5);
  });

  it('agrees with effectiveMillis on the time', () => {
    expect(effectiveMillis('2026-02-10T00:00:00.000Z')).toBe(Date.UTC(2026, 1, 10));
    expect(effectiveMillis('2026-02-10T01:00:00+01:00')).toBe(Date.UTC(2026, 1, 10));
    expect(effectiveMillis('not a date')).toBe(-Number.MAX_VALUE);
  });

  it('is compareCheckInsAt of (effectiveMillis, sequence): the same order for a fold that keeps check-ins as numbers', () => {
    const series = [
      point(1, '2026-02-10T00:00:00.000Z', 0),
      point(2, '2026-01-10T00:00:00.000Z', 1),
      point(3, '2026-02-10T00:00:00.000Z', 2),
      point(4, 'not a date', 3),
      point(5, '2026-02-10T01:00:00+01:00', 4),
      point(6, '2026-02-09T23:59:59.999Z', 5),
    ];
    for (const a of series)
      for (const b of series) {
        const numbers = compareCheckInsAt(effectiveMillis(a.effectiveAt), a.sequence, effectiveMillis(b.effectiveAt), b.sequence);
        expect([a.value, b.value, Math.sign(compareCheckIns(a, b))]).toEqual([a.value, b.value, Math.sign(numbers)]);
      }
  });
});

describe('checkInInEffect', () => {
  const series = [
    point(10, '2026-02-10T00:00:00.000Z', 0),
    point(20, '2026-01-10T00:00:00.000Z', 1),
    point(30, '2026-01-10T00:00:00.000Z', 2),
  ];

  it('is the latest of the check-ins effective at or before the instant', () => {
    expect(checkInInEffect(series, '2026-01-09T23:59:59.999Z')).toBeNull();
    expect(checkInInEffect(series, '2026-01-10T00:00:00.000Z')?.value).toBe(30);
    expect(checkInInEffect(series, '2026-02-09T00:00:00.000Z')?.value).toBe(30);
    expect(checkInInEffect(series, '2026-02-10T00:00:00.000Z')?.value).toBe(10);
    expect(checkInInEffect(series, '9999-12-31T23:59:59.999Z')).toBe(latestCheckIn(series));
  });
});
