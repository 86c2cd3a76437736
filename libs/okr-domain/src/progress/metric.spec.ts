import { InvalidInputError } from '../common/errors';
import { METRIC_TYPES, MetricInput, MetricType, checkTarget, normaliseMetric } from './metric';

function expectInvalid(run: () => unknown, code: string, field: string): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(InvalidInputError);
  expect(thrown).toMatchObject({ code, field });
}

describe('normaliseMetric', () => {
  it('knows five metric types', () => {
    expect(METRIC_TYPES).toEqual(['increase', 'decrease', 'atLeast', 'atMost', 'milestone']);
  });

  it('makes a milestone go from 0 to 1 whatever was given', () => {
    expect(normaliseMetric({ type: 'milestone' })).toEqual({ type: 'milestone', start: 0, target: 1, unit: null });
    expect(normaliseMetric({ type: 'milestone', start: 3, target: 7, unit: 'done' })).toEqual({
      type: 'milestone',
      start: 0,
      target: 1,
      unit: 'done',
    });
  });

  it('keeps start and target of an increase and a decrease', () => {
    expect(normaliseMetric({ type: 'increase', start: 20, target: 60, unit: 'points' })).toEqual({
      type: 'increase',
      start: 20,
      target: 60,
      unit: 'points',
    });
    expect(normaliseMetric({ type: 'decrease', start: 10, target: 4 })).toEqual({ type: 'decrease', start: 10, target: 4, unit: null });
    expect(normaliseMetric({ type: 'increase', start: -5, target: -1 })).toEqual({ type: 'increase', start: -5, target: -1, unit: null });
  });

  it('defaults the start of atLeast and atMost to 0 but keeps a given one', () => {
    expect(normaliseMetric({ type: 'atLeast', target: 95 })).toEqual({ type: 'atLeast', start: 0, target: 95, unit: null });
    expect(normaliseMetric({ type: 'atMost', target: 2 })).toEqual({ type: 'atMost', start: 0, target: 2, unit: null });
    expect(normaliseMetric({ type: 'atLeast', start: 100, target: 95 })).toEqual({ type: 'atLeast', start: 100, target: 95, unit: null });
    expect(normaliseMetric({ type: 'atMost', start: 2, target: 2 })).toEqual({ type: 'atMost', start: 2, target: 2, unit: null });
  });

  it('trims the unit and turns a blank or null one into null', () => {
    expect(normaliseMetric({ type: 'atLeast', target: 1, unit: '  ms ' }).unit).toBe('ms');
    expect(normaliseMetric({ type: 'atLeast', target: 1, unit: '   ' }).unit).toBeNull();
    expect(normaliseMetric({ type: 'atLeast', target: 1, unit: '' }).unit).toBeNull();
    expect(normaliseMetric({ type: 'atLeast', target: 1, unit: null }).unit).toBeNull();
  });

  it('refuses an unknown type', () => {
    expectInvalid(() => normaliseMetric({ type: 'ratio' as MetricType, start: 0, target: 1 }), 'metric.type', 'metric.type');
  });

  it.each(['increase', 'decrease'] as const)('requires a start for %s', (type) => {
    expectInvalid(() => normaliseMetric({ type, target: 5 }), 'metric.start_required', 'metric.start');
  });

  it.each(['increase', 'decrease', 'atLeast', 'atMost'] as const)('requires a target for %s', (type) => {
    expectInvalid(() => normaliseMetric({ type, start: 5 }), 'metric.target_required', 'metric.target');
  });

  it.each([NaN, Infinity, -Infinity, 1e15 + 2, -1e16])('refuses the start %p', (start) => {
    expectInvalid(() => normaliseMetric({ type: 'atLeast', start, target: 5 }), 'metric.not_finite', 'metric.start');
  });

  it.each([NaN, Infinity, 1e16])('refuses the target %p', (target) => {
    expectInvalid(() => normaliseMetric({ type: 'atMost', target }), 'metric.not_finite', 'metric.target');
  });

  it('refuses a start that is not a number', () => {
    expectInvalid(
      () => normaliseMetric({ type: 'increase', start: '5' as unknown as number, target: 10 }),
      'metric.not_finite',
      'metric.start',
    );
  });

  it('accepts values at ±1e15', () => {
    expect(normaliseMetric({ type: 'increase', start: -1e15, target: 1e15 })).toEqual({
      type: 'increase',
      start: -1e15,
      target: 1e15,
      unit: null,
    });
  });

  it('refuses an increase whose target is not above its start', () => {
    expectInvalid(() => normaliseMetric({ type: 'increase', start: 10, target: 10 }), 'metric.target_not_above_start', 'metric.target');
    expectInvalid(() => normaliseMetric({ type: 'increase', start: 10, target: 9 }), 'metric.target_not_above_start', 'metric.target');
  });

  it('refuses a decrease whose target is not below its start', () => {
    expectInvalid(() => normaliseMetric({ type: 'decrease', start: 10, target: 10 }), 'metric.target_not_below_start', 'metric.target');
    expectInvalid(() => normaliseMetric({ type: 'decrease', start: 10, target: 11 }), 'metric.target_not_below_start', 'metric.target');
  });

  it('prefixes the fields with the given prefix', () => {
    const input: MetricInput = { type: 'increase', target: 3 };
    expectInvalid(() => normaliseMetric(input, 'keyResults.1.metric'), 'metric.start_required', 'keyResults.1.metric.start');
    expectInvalid(() => normaliseMetric({ type: 'up' as MetricType }, 'm'), 'metric.type', 'm.type');
    expectInvalid(() => normaliseMetric({ type: 'decrease', start: 1, target: 2 }, 'm'), 'metric.target_not_below_start', 'm.target');
  });
});

describe('checkTarget', () => {
  it('accepts a target on the right side of the start', () => {
    expect(() => checkTarget('increase', 0, 0.001, 'target')).not.toThrow();
    expect(() => checkTarget('decrease', 0, -0.001, 'target')).not.toThrow();
  });

  it('puts no constraint on atLeast, atMost and milestone', () => {
    for (const type of ['atLeast', 'atMost', 'milestone'] as const) {
      expect(() => checkTarget(type, 5, 5, 'target')).not.toThrow();
      expect(() => checkTarget(type, 5, -5, 'target')).not.toThrow();
      expect(() => checkTarget(type, 5, 50, 'target')).not.toThrow();
    }
  });

  it('refuses the wrong side, and equality, with the given field', () => {
    expectInvalid(() => checkTarget('increase', 5, 5, 'target'), 'metric.target_not_above_start', 'target');
    expectInvalid(() => checkTarget('increase', 5, 4, 'x.target'), 'metric.target_not_above_start', 'x.target');
    expectInvalid(() => checkTarget('decrease', 5, 5, 'target'), 'metric.target_not_below_start', 'target');
    expectInvalid(() => checkTarget('decrease', 5, 6, 'target'), 'metric.target_not_below_start', 'target');
  });

  it('refuses NaN targets for increase and decrease', () => {
    expectInvalid(() => checkTarget('increase', 0, NaN, 'target'), 'metric.target_not_above_start', 'target');
    expectInvalid(() => checkTarget('decrease', 0, NaN, 'target'), 'metric.target_not_below_start', 'target');
  });
});
