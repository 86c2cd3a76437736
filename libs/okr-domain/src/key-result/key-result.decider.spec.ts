import { fold } from '../common/decider';
import { InvalidInputError, NotFoundError, RuleViolationError } from '../common/errors';
import { MetricInput } from '../progress/metric';
import { DeciderSpecification } from '../testing/decider-specification';
import { CheckInCadence } from '../cadence/check-in-cadence';
import {
  AddKeyResult,
  ChangeKeyResultCheckInCadence,
  ChangeKeyResultTarget,
  ChangeKeyResultWeight,
  CheckInKeyResult,
  GradeKeyResult,
  KeyResultCommand,
  KeyResultContext,
  RemoveKeyResult,
  RenameKeyResult,
} from './key-result.commands';
import { ExistingKeyResult, currentProgress, currentValue, keyResultDecider } from './key-result.decider';
import { KeyResultAdded, KeyResultCheckedIn, KeyResultEvent } from './key-result.events';

const spec = DeciderSpecification.for(keyResultDecider);
const NOW = '2026-02-15T12:00:00.000Z';

/** Objective o1 (open) in cycle q1 (open), 2026-01-01 to 2026-03-31. */
const context = (
  objectiveStatus: KeyResultContext['objective']['status'] = 'open',
  cycleStatus: KeyResultContext['cycle']['status'] = 'open',
): KeyResultContext => ({
  objective: { id: 'o1', title: 'Delight customers', status: objectiveStatus },
  cycle: { id: 'q1', status: cycleStatus, startsOn: '2026-01-01', endsOn: '2026-03-31' },
});
const CTX = context();

const add = (metric: MetricInput, extra: Partial<Omit<AddKeyResult['data'], 'metric'>> = {}, ctx = CTX): AddKeyResult => ({
  type: 'AddKeyResult',
  now: NOW,
  data: { keyResultId: 'kr1', title: 'Raise NPS', metric, ...extra },
  context: ctx,
});
const rename = (title: string, ctx = CTX): RenameKeyResult => ({
  type: 'RenameKeyResult',
  now: NOW,
  data: { keyResultId: 'kr1', title },
  context: ctx,
});
const changeTarget = (target: number, reason = 'Market shifted', ctx = CTX): ChangeKeyResultTarget => ({
  type: 'ChangeKeyResultTarget',
  now: NOW,
  data: { keyResultId: 'kr1', target, reason },
  context: ctx,
});
const changeWeight = (weight: number, ctx = CTX): ChangeKeyResultWeight => ({
  type: 'ChangeKeyResultWeight',
  now: NOW,
  data: { keyResultId: 'kr1', weight },
  context: ctx,
});
const checkIn = (data: Partial<Omit<CheckInKeyResult['data'], 'keyResultId'>> = {}, now = NOW, ctx = CTX): CheckInKeyResult => ({
  type: 'CheckInKeyResult',
  now,
  data: { keyResultId: 'kr1', checkInId: 'ci1', value: 40, confidence: 0.8, ...data },
  context: ctx,
});
const changeCadence = (checkInCadence: CheckInCadence | null, ctx = CTX): ChangeKeyResultCheckInCadence => ({
  type: 'ChangeKeyResultCheckInCadence',
  now: NOW,
  data: { keyResultId: 'kr1', checkInCadence },
  context: ctx,
});

const grade = (score: number, ctx = CTX): GradeKeyResult => ({
  type: 'GradeKeyResult',
  now: NOW,
  data: { keyResultId: 'kr1', score },
  context: ctx,
});
const remove = (ctx = CTX): RemoveKeyResult => ({ type: 'RemoveKeyResult', now: NOW, data: { keyResultId: 'kr1' }, context: ctx });

/** NPS from 20 to 60. */
const added: KeyResultAdded = {
  type: 'KeyResultAdded',
  data: {
    keyResultId: 'kr1',
    objectiveId: 'o1',
    title: 'Raise NPS',
    metric: { type: 'increase', start: 20, target: 60, unit: 'points' },
    weight: 1,
    ownerId: null,
    carriedOverFrom: null,
    checkInCadence: null,
  },
};
const milestoneAdded: KeyResultAdded = {
  type: 'KeyResultAdded',
  data: {
    keyResultId: 'kr1',
    objectiveId: 'o1',
    title: 'Ship v2',
    metric: { type: 'milestone', start: 0, target: 1, unit: null },
    weight: 1,
    ownerId: null,
    carriedOverFrom: null,
    checkInCadence: null,
  },
};
const decreaseAdded: KeyResultAdded = {
  type: 'KeyResultAdded',
  data: {
    keyResultId: 'kr1',
    objectiveId: 'o1',
    title: 'Cut churn',
    metric: { type: 'decrease', start: 10, target: 4, unit: '%' },
    weight: 1,
    ownerId: null,
    carriedOverFrom: null,
    checkInCadence: null,
  },
};
const removed: KeyResultEvent = { type: 'KeyResultRemoved', data: { keyResultId: 'kr1', removedAt: NOW } };
const checkedIn = (checkInId: string, value: number, effectiveAt: string, confidence = 0.5): KeyResultCheckedIn => ({
  type: 'KeyResultCheckedIn',
  data: { keyResultId: 'kr1', checkInId, value, confidence, note: null, effectiveAt },
});

const addedData = (over: Partial<KeyResultAdded['data']>): KeyResultAdded => ({
  type: 'KeyResultAdded',
  data: {
    keyResultId: 'kr1',
    objectiveId: 'o1',
    title: 'Raise NPS',
    metric: { type: 'milestone', start: 0, target: 1, unit: null },
    weight: 1,
    ownerId: null,
    carriedOverFrom: null,
    checkInCadence: null,
    ...over,
  },
});

const existing = (events: KeyResultEvent[]): ExistingKeyResult => {
  const state = fold(keyResultDecider, events);
  if (!state.exists) throw new Error('expected an existing key result');
  return state;
};

describe('key result decider', () => {
  describe('AddKeyResult', () => {
    it('adds a milestone with start 0, target 1, weight 1 and no owner by default', () => {
      spec
        .given([])
        .when(add({ type: 'milestone' }, { title: '  Raise NPS ' }))
        .then([addedData({})]);
    });

    it('ignores start and target given for a milestone', () => {
      spec
        .given([])
        .when(add({ type: 'milestone', start: 5, target: 10, unit: ' step ' }))
        .then([addedData({ metric: { type: 'milestone', start: 0, target: 1, unit: 'step' } })]);
    });

    it('adds an increase metric with unit, weight, owner and origin', () => {
      spec
        .given([])
        .when(add({ type: 'increase', start: 20, target: 60, unit: ' points ' }, { weight: 2.5, ownerId: 'u1', carriedOverFrom: 'kr0' }))
        .then([
          addedData({
            metric: { type: 'increase', start: 20, target: 60, unit: 'points' },
            weight: 2.5,
            ownerId: 'u1',
            carriedOverFrom: 'kr0',
          }),
        ]);
    });

    it('adds a decrease metric', () => {
      spec
        .given([])
        .when(add({ type: 'decrease', start: 10, target: 4, unit: '%' }))
        .then([addedData({ metric: { type: 'decrease', start: 10, target: 4, unit: '%' } })]);
    });

    it('defaults start to 0 for atLeast and atMost, and a blank unit to null', () => {
      spec
        .given([])
        .when(add({ type: 'atLeast', target: 99.9, unit: '  ' }))
        .then([addedData({ metric: { type: 'atLeast', start: 0, target: 99.9, unit: null } })]);
      spec
        .given([])
        .when(add({ type: 'atMost', target: -5, unit: null }))
        .then([addedData({ metric: { type: 'atMost', start: 0, target: -5, unit: null } })]);
    });

    it.each(['increase', 'decrease'] as const)('requires a start for %s', (type) => {
      spec
        .given([])
        .when(add({ type, target: 10 }))
        .thenThrows(InvalidInputError, { code: 'metric.start_required', field: 'metric.start' });
    });

    it('requires a target for non-milestones', () => {
      spec
        .given([])
        .when(add({ type: 'atLeast' }))
        .thenThrows(InvalidInputError, { code: 'metric.target_required', field: 'metric.target' });
      spec
        .given([])
        .when(add({ type: 'increase', start: 0 }))
        .thenThrows(InvalidInputError, { code: 'metric.target_required', field: 'metric.target' });
    });

    it('refuses an increase whose target is not above its start', () => {
      spec
        .given([])
        .when(add({ type: 'increase', start: 60, target: 20 }))
        .thenThrows(InvalidInputError, { code: 'metric.target_not_above_start', field: 'metric.target' });
      spec
        .given([])
        .when(add({ type: 'increase', start: 20, target: 20 }))
        .thenThrows(InvalidInputError, { code: 'metric.target_not_above_start', field: 'metric.target' });
    });

    it('refuses a decrease whose target is not below its start', () => {
      spec
        .given([])
        .when(add({ type: 'decrease', start: 4, target: 10 }))
        .thenThrows(InvalidInputError, { code: 'metric.target_not_below_start', field: 'metric.target' });
      spec
        .given([])
        .when(add({ type: 'decrease', start: 4, target: 4 }))
        .thenThrows(InvalidInputError, { code: 'metric.target_not_below_start', field: 'metric.target' });
    });

    it('refuses an unknown metric type', () => {
      spec
        .given([])
        .when(add({ type: 'percent' as 'increase', start: 0, target: 1 }))
        .thenThrows(InvalidInputError, { code: 'metric.type', field: 'metric.type' });
    });

    it('refuses non-finite start and target', () => {
      spec
        .given([])
        .when(add({ type: 'increase', start: NaN, target: 10 }))
        .thenThrows(InvalidInputError, { code: 'metric.not_finite', field: 'metric.start' });
      spec
        .given([])
        .when(add({ type: 'increase', start: 0, target: 1e16 }))
        .thenThrows(InvalidInputError, { code: 'metric.not_finite', field: 'metric.target' });
    });

    it.each([0, -1, 1000.01, NaN, Infinity])('refuses the weight %p', (weight) => {
      spec
        .given([])
        .when(add({ type: 'milestone' }, { weight }))
        .thenThrows(InvalidInputError, { code: 'weight.out_of_range', field: 'weight' });
    });

    it('accepts the weight bounds 0.01 and 1000', () => {
      spec
        .given([])
        .when(add({ type: 'milestone' }, { weight: 0.01 }))
        .then([addedData({ weight: 0.01 })]);
      spec
        .given([])
        .when(add({ type: 'milestone' }, { weight: 1000 }))
        .then([addedData({ weight: 1000 })]);
    });

    it('records the cadence given, and null (the tenant cadence) when none or null is', () => {
      spec
        .given([])
        .when(add({ type: 'milestone' }, { checkInCadence: 'monthly' }))
        .then([addedData({ checkInCadence: 'monthly' })]);
      spec
        .given([])
        .when(add({ type: 'milestone' }, { checkInCadence: null }))
        .then([addedData({ checkInCadence: null })]);
    });

    it('refuses a cadence that is not weekly, fortnightly or monthly', () => {
      spec
        .given([])
        .when(add({ type: 'milestone' }, { checkInCadence: 'daily' as CheckInCadence }))
        .thenThrows(InvalidInputError, { code: 'check_in_cadence.invalid', field: 'checkInCadence' });
    });

    it('refuses an empty title', () => {
      spec
        .given([])
        .when(add({ type: 'milestone' }, { title: '  ' }))
        .thenThrows(InvalidInputError, { code: 'text.empty', field: 'title' });
    });

    it('refuses to add to a closed cycle, a closed or an archived objective', () => {
      spec
        .given([])
        .when(add({ type: 'milestone' }, {}, context('open', 'closed')))
        .thenThrows(RuleViolationError, { code: 'cycle.closed' });
      spec
        .given([])
        .when(add({ type: 'milestone' }, {}, context('closed')))
        .thenThrows(RuleViolationError, { code: 'objective.closed' });
      spec
        .given([])
        .when(add({ type: 'milestone' }, {}, context('archived')))
        .thenThrows(RuleViolationError, { code: 'objective.archived' });
    });

    it('refuses to add a key result twice', () => {
      spec
        .given([added])
        .when(add({ type: 'milestone' }))
        .thenThrows(RuleViolationError, { code: 'key_result.already_exists' });
    });
  });

  describe('RenameKeyResult', () => {
    it('renames with a trimmed title, recording the previous one', () => {
      spec
        .given([added])
        .when(rename(' Raise NPS to 60 '))
        .then([{ type: 'KeyResultRenamed', data: { keyResultId: 'kr1', title: 'Raise NPS to 60', previousTitle: 'Raise NPS' } }]);
    });

    it('does nothing when the title is unchanged', () => {
      spec.given([added]).when(rename('  Raise NPS  ')).thenNothing();
    });

    it('refuses an empty or too long title', () => {
      spec.given([added]).when(rename('')).thenThrows(InvalidInputError, { code: 'text.empty', field: 'title' });
      spec
        .given([added])
        .when(rename('x'.repeat(201)))
        .thenThrows(InvalidInputError, { code: 'text.too_long', field: 'title' });
    });
  });

  describe('ChangeKeyResultTarget', () => {
    it('changes the target with a trimmed reason, recording the previous target', () => {
      spec
        .given([added])
        .when(changeTarget(50, '  Too ambitious '))
        .then([{ type: 'KeyResultTargetChanged', data: { keyResultId: 'kr1', target: 50, previousTarget: 60, reason: 'Too ambitious' } }]);
    });

    it('records the latest target as the previous one, keeping the original target in the state', () => {
      const first: KeyResultEvent = {
        type: 'KeyResultTargetChanged',
        data: { keyResultId: 'kr1', target: 50, previousTarget: 60, reason: 'Too ambitious' },
      };
      spec
        .given([added, first])
        .when(changeTarget(55))
        .then([{ type: 'KeyResultTargetChanged', data: { keyResultId: 'kr1', target: 55, previousTarget: 50, reason: 'Market shifted' } }]);
      const state = existing([added, first]);
      expect(state.metric).toEqual({ type: 'increase', start: 20, target: 50, unit: 'points' });
      expect(state.originalTarget).toBe(60);
    });

    it('does nothing when the target is unchanged', () => {
      spec.given([added]).when(changeTarget(60)).thenNothing();
    });

    it('requires a reason', () => {
      spec.given([added]).when(changeTarget(50, '')).thenThrows(InvalidInputError, { code: 'text.empty', field: 'reason' });
      spec.given([added]).when(changeTarget(50, '   ')).thenThrows(InvalidInputError, { code: 'text.empty', field: 'reason' });
      spec
        .given([added])
        .when({ ...changeTarget(50), data: { keyResultId: 'kr1', target: 50 } as ChangeKeyResultTarget['data'] })
        .thenThrows(InvalidInputError, { code: 'text.empty', field: 'reason' });
      spec
        .given([added])
        .when(changeTarget(50, 'r'.repeat(1001)))
        .thenThrows(InvalidInputError, { code: 'text.too_long', field: 'reason' });
    });

    it('refuses to change the target of a milestone', () => {
      spec
        .given([milestoneAdded])
        .when(changeTarget(2))
        .thenThrows(InvalidInputError, { code: 'metric.milestone_target', field: 'target' });
    });

    it('keeps the direction of an increase', () => {
      spec.given([added]).when(changeTarget(20)).thenThrows(InvalidInputError, { code: 'metric.target_not_above_start', field: 'target' });
      spec.given([added]).when(changeTarget(10)).thenThrows(InvalidInputError, { code: 'metric.target_not_above_start', field: 'target' });
    });

    it('keeps the direction of a decrease', () => {
      spec
        .given([decreaseAdded])
        .when(changeTarget(10))
        .thenThrows(InvalidInputError, { code: 'metric.target_not_below_start', field: 'target' });
      spec
        .given([decreaseAdded])
        .when(changeTarget(12))
        .thenThrows(InvalidInputError, { code: 'metric.target_not_below_start', field: 'target' });
      spec
        .given([decreaseAdded])
        .when(changeTarget(2))
        .then([{ type: 'KeyResultTargetChanged', data: { keyResultId: 'kr1', target: 2, previousTarget: 4, reason: 'Market shifted' } }]);
    });

    it('lets an atLeast target move anywhere', () => {
      spec
        .given([addedData({ metric: { type: 'atLeast', start: 0, target: 99, unit: null } })])
        .when(changeTarget(-3))
        .then([{ type: 'KeyResultTargetChanged', data: { keyResultId: 'kr1', target: -3, previousTarget: 99, reason: 'Market shifted' } }]);
    });

    it.each([NaN, Infinity, 1e16])('refuses the target %p', (target) => {
      spec.given([added]).when(changeTarget(target)).thenThrows(InvalidInputError, { code: 'value.not_finite', field: 'target' });
    });
  });

  describe('ChangeKeyResultWeight', () => {
    it('changes the weight, recording the previous one', () => {
      spec
        .given([added])
        .when(changeWeight(3))
        .then([{ type: 'KeyResultWeightChanged', data: { keyResultId: 'kr1', weight: 3, previousWeight: 1 } }]);
    });

    it('does nothing when the weight is unchanged', () => {
      spec.given([added]).when(changeWeight(1)).thenNothing();
      spec
        .given([added, { type: 'KeyResultWeightChanged', data: { keyResultId: 'kr1', weight: 3, previousWeight: 1 } }])
        .when(changeWeight(3))
        .thenNothing();
    });

    it.each([0, -2, 1001, NaN])('refuses the weight %p', (weight) => {
      spec.given([added]).when(changeWeight(weight)).thenThrows(InvalidInputError, { code: 'weight.out_of_range', field: 'weight' });
    });
  });

  describe('ChangeKeyResultCheckInCadence', () => {
    it('sets a cadence of its own, recording the previous one (null: the tenant cadence)', () => {
      spec
        .given([added])
        .when(changeCadence('fortnightly'))
        .then([
          {
            type: 'KeyResultCheckInCadenceChanged',
            data: { keyResultId: 'kr1', checkInCadence: 'fortnightly', previousCheckInCadence: null },
          },
        ]);
    });

    it('goes back to the tenant cadence with null', () => {
      spec
        .given([addedData({ checkInCadence: 'monthly' })])
        .when(changeCadence(null))
        .then([
          { type: 'KeyResultCheckInCadenceChanged', data: { keyResultId: 'kr1', checkInCadence: null, previousCheckInCadence: 'monthly' } },
        ]);
    });

    it('compares with the latest cadence and does nothing when it is unchanged', () => {
      const changed: KeyResultEvent = {
        type: 'KeyResultCheckInCadenceChanged',
        data: { keyResultId: 'kr1', checkInCadence: 'weekly', previousCheckInCadence: null },
      };
      spec.given([added, changed]).when(changeCadence('weekly')).thenNothing();
      spec.given([added]).when(changeCadence(null)).thenNothing();
      spec
        .given([added, changed])
        .when(changeCadence('monthly'))
        .then([
          {
            type: 'KeyResultCheckInCadenceChanged',
            data: { keyResultId: 'kr1', checkInCadence: 'monthly', previousCheckInCadence: 'weekly' },
          },
        ]);
      expect(existing([added, changed]).checkInCadence).toBe('weekly');
    });

    it('refuses an unknown cadence', () => {
      spec
        .given([added])
        .when(changeCadence('hourly' as CheckInCadence))
        .thenThrows(InvalidInputError, { code: 'check_in_cadence.invalid', field: 'checkInCadence' });
    });
  });

  describe('CheckInKeyResult', () => {
    it('records a check-in effective now, with a trimmed note', () => {
      spec
        .given([added])
        .when(checkIn({ value: 40, confidence: 0.8, note: '  Survey done ' }))
        .then([
          {
            type: 'KeyResultCheckedIn',
            data: { keyResultId: 'kr1', checkInId: 'ci1', value: 40, confidence: 0.8, note: 'Survey done', effectiveAt: NOW },
          },
        ]);
    });

    it('turns a blank or missing note into null', () => {
      const expected: KeyResultCheckedIn = {
        type: 'KeyResultCheckedIn',
        data: { keyResultId: 'kr1', checkInId: 'ci1', value: 40, confidence: 0.8, note: null, effectiveAt: NOW },
      };
      spec
        .given([added])
        .when(checkIn({ note: '   ' }))
        .then([expected]);
      spec
        .given([added])
        .when(checkIn({ note: null }))
        .then([expected]);
      spec.given([added]).when(checkIn()).then([expected]);
    });

    it('refuses a note over 2000 characters', () => {
      spec
        .given([added])
        .when(checkIn({ note: 'n'.repeat(2001) }))
        .thenThrows(InvalidInputError, { code: 'text.too_long', field: 'note' });
    });

    it.each([0, -12.5, 1e15, -1e15, 80])('accepts the value %p', (value) => {
      spec
        .given([added])
        .when(checkIn({ value }))
        .then([
          {
            type: 'KeyResultCheckedIn',
            data: { keyResultId: 'kr1', checkInId: 'ci1', value, confidence: 0.8, note: null, effectiveAt: NOW },
          },
        ]);
    });

    it.each([NaN, Infinity, -Infinity, 1e16, -1e16])('refuses the value %p', (value) => {
      spec.given([added]).when(checkIn({ value })).thenThrows(InvalidInputError, { code: 'value.not_finite', field: 'value' });
    });

    it.each([0, 1])('accepts the confidence %p', (confidence) => {
      spec
        .given([added])
        .when(checkIn({ confidence }))
        .then([
          {
            type: 'KeyResultCheckedIn',
            data: { keyResultId: 'kr1', checkInId: 'ci1', value: 40, confidence, note: null, effectiveAt: NOW },
          },
        ]);
    });

    it.each([-0.1, 1.1, NaN])('refuses the confidence %p', (confidence) => {
      spec.given([added]).when(checkIn({ confidence })).thenThrows(InvalidInputError, { code: 'value.out_of_range', field: 'confidence' });
    });

    it('accepts a backdated check-in inside the cycle, normalised to UTC', () => {
      spec
        .given([added])
        .when(checkIn({ effectiveAt: '2026-02-01T10:30:00+02:00' }))
        .then([
          {
            type: 'KeyResultCheckedIn',
            data: { keyResultId: 'kr1', checkInId: 'ci1', value: 40, confidence: 0.8, note: null, effectiveAt: '2026-02-01T08:30:00.000Z' },
          },
        ]);
    });

    it('accepts effectiveAt equal to now', () => {
      spec
        .given([added])
        .when(checkIn({ effectiveAt: NOW }))
        .then([
          {
            type: 'KeyResultCheckedIn',
            data: { keyResultId: 'kr1', checkInId: 'ci1', value: 40, confidence: 0.8, note: null, effectiveAt: NOW },
          },
        ]);
    });

    it('accepts the first instant of the start date and the last millisecond of the end date', () => {
      const at = (effectiveAt: string): KeyResultCheckedIn => ({
        type: 'KeyResultCheckedIn',
        data: { keyResultId: 'kr1', checkInId: 'ci1', value: 40, confidence: 0.8, note: null, effectiveAt },
      });
      spec
        .given([added])
        .when(checkIn({ effectiveAt: '2026-01-01T00:00:00.000Z' }))
        .then([at('2026-01-01T00:00:00.000Z')]);
      spec
        .given([added])
        .when(checkIn({ effectiveAt: '2026-03-31T23:59:59.999Z' }, '2026-04-03T00:00:00.000Z'))
        .then([at('2026-03-31T23:59:59.999Z')]);
    });

    it('refuses an effectiveAt in the future', () => {
      spec
        .given([added])
        .when(checkIn({ effectiveAt: '2026-02-15T12:00:00.001Z' }))
        .thenThrows(InvalidInputError, { code: 'check_in.in_future', field: 'effectiveAt' });
    });

    it('refuses an effectiveAt before the cycle starts', () => {
      spec
        .given([added])
        .when(checkIn({ effectiveAt: '2025-12-31T23:59:59.999Z' }))
        .thenThrows(InvalidInputError, { code: 'check_in.outside_cycle', field: 'effectiveAt' });
    });

    it('refuses an effectiveAt after the cycle ends', () => {
      spec
        .given([added])
        .when(checkIn({ effectiveAt: '2026-04-01T00:00:00.000Z' }, '2026-04-03T00:00:00.000Z'))
        .thenThrows(InvalidInputError, { code: 'check_in.outside_cycle', field: 'effectiveAt' });
    });

    it('refuses an effectiveAt that is not an instant', () => {
      spec
        .given([added])
        .when(checkIn({ effectiveAt: 'last tuesday' }))
        .thenThrows(InvalidInputError, { code: 'time.invalid', field: 'effectiveAt' });
    });
  });

  describe('GradeKeyResult', () => {
    it('grades, recording the previous grade', () => {
      spec
        .given([added])
        .when(grade(0.7))
        .then([{ type: 'KeyResultGraded', data: { keyResultId: 'kr1', score: 0.7, previousScore: null } }]);
      spec
        .given([added, { type: 'KeyResultGraded', data: { keyResultId: 'kr1', score: 0.7, previousScore: null } }])
        .when(grade(0))
        .then([{ type: 'KeyResultGraded', data: { keyResultId: 'kr1', score: 0, previousScore: 0.7 } }]);
    });

    it('does nothing when the grade is unchanged', () => {
      spec
        .given([added, { type: 'KeyResultGraded', data: { keyResultId: 'kr1', score: 0.7, previousScore: null } }])
        .when(grade(0.7))
        .thenNothing();
    });

    it.each([0, 1])('accepts the grade %p', (score) => {
      spec
        .given([added])
        .when(grade(score))
        .then([{ type: 'KeyResultGraded', data: { keyResultId: 'kr1', score, previousScore: null } }]);
    });

    it.each([-0.5, 1.5, NaN])('refuses the grade %p', (score) => {
      spec.given([added]).when(grade(score)).thenThrows(InvalidInputError, { code: 'value.out_of_range', field: 'score' });
    });
  });

  describe('RemoveKeyResult', () => {
    it('removes a key result', () => {
      spec
        .given([added])
        .when(remove())
        .then([{ type: 'KeyResultRemoved', data: { keyResultId: 'kr1', removedAt: NOW } }]);
    });
  });

  describe('refusals common to every change', () => {
    const changes: [string, (ctx: KeyResultContext) => KeyResultCommand][] = [
      ['rename', (ctx) => rename('New title', ctx)],
      ['change target', (ctx) => changeTarget(50, 'why', ctx)],
      ['change weight', (ctx) => changeWeight(2, ctx)],
      ['change cadence', (ctx) => changeCadence('monthly', ctx)],
      ['check in', (ctx) => checkIn({}, NOW, ctx)],
      ['grade', (ctx) => grade(0.5, ctx)],
      ['remove', (ctx) => remove(ctx)],
    ];

    it.each(changes)('%s: refused on an unknown key result', (_name, command) => {
      spec.given([]).when(command(CTX)).thenThrows(NotFoundError, { code: 'key_result.not_found' });
    });

    it.each(changes)('%s: refused on a removed key result', (_name, command) => {
      spec.given([added, removed]).when(command(CTX)).thenThrows(RuleViolationError, { code: 'key_result.removed' });
    });

    it.each(changes)('%s: refused in a closed cycle', (_name, command) => {
      spec
        .given([added])
        .when(command(context('open', 'closed')))
        .thenThrows(RuleViolationError, { code: 'cycle.closed' });
    });

    it.each(changes)('%s: refused on a closed objective', (_name, command) => {
      spec
        .given([added])
        .when(command(context('closed')))
        .thenThrows(RuleViolationError, { code: 'objective.closed' });
    });

    it.each(changes)('%s: refused on an archived objective', (_name, command) => {
      spec
        .given([added])
        .when(command(context('archived')))
        .thenThrows(RuleViolationError, { code: 'objective.archived' });
    });
  });

  describe('current value', () => {
    it('is the start before any check-in', () => {
      const state = existing([added]);
      expect(state.current).toBeNull();
      expect(currentValue(state)).toBe(20);
      expect(currentProgress(state)).toEqual({ raw: 0, clamped: 0 });
    });

    it('is the value with the latest effectiveAt', () => {
      const state = existing([added, checkedIn('a', 30, '2026-01-15T00:00:00.000Z'), checkedIn('b', 50, '2026-02-01T00:00:00.000Z')]);
      expect(currentValue(state)).toBe(50);
      expect(currentProgress(state)).toEqual({ raw: 0.75, clamped: 0.75 });
      expect(state.checkInCount).toBe(2);
    });

    it('is not replaced by a backdated check-in', () => {
      const state = existing([added, checkedIn('a', 50, '2026-02-01T00:00:00.000Z', 0.9), checkedIn('b', 30, '2026-01-15T00:00:00.000Z')]);
      expect(currentValue(state)).toBe(50);
      expect(state.current).toEqual({ value: 50, confidence: 0.9, effectiveAt: '2026-02-01T00:00:00.000Z', sequence: 0 });
      expect(state.checkInCount).toBe(2);
    });

    it('breaks an effectiveAt tie in favour of the latest recorded', () => {
      const state = existing([
        added,
        checkedIn('a', 30, '2026-02-01T00:00:00.000Z'),
        checkedIn('b', 44, '2026-02-01T00:00:00.000Z'),
        checkedIn('c', 10, '2026-01-02T00:00:00.000Z'),
      ]);
      expect(currentValue(state)).toBe(44);
      expect(state.current).toMatchObject({ value: 44, sequence: 1 });
      expect(currentProgress(state).clamped).toBeCloseTo(0.6, 12);
    });

    it('exposes raw progress beyond the target and clamped progress', () => {
      const state = existing([added, checkedIn('a', 70, '2026-02-01T00:00:00.000Z')]);
      expect(currentProgress(state).raw).toBeCloseTo(1.25, 12);
      expect(currentProgress(state).clamped).toBe(1);
      const below = existing([added, checkedIn('a', 10, '2026-02-01T00:00:00.000Z')]);
      expect(currentProgress(below)).toEqual({ raw: -0.25, clamped: 0 });
    });

    it('measures a changed target', () => {
      const state = existing([
        added,
        { type: 'KeyResultTargetChanged', data: { keyResultId: 'kr1', target: 40, previousTarget: 60, reason: 'r' } },
        checkedIn('a', 30, '2026-02-01T00:00:00.000Z'),
      ]);
      expect(currentProgress(state)).toEqual({ raw: 0.5, clamped: 0.5 });
    });

    it('measures a decrease', () => {
      const state = existing([decreaseAdded, checkedIn('a', 7, '2026-02-01T00:00:00.000Z')]);
      expect(currentValue(state)).toBe(7);
      expect(currentProgress(state)).toEqual({ raw: 0.5, clamped: 0.5 });
    });

    it('measures a milestone', () => {
      expect(currentProgress(existing([milestoneAdded]))).toEqual({ raw: 0, clamped: 0 });
      expect(currentProgress(existing([milestoneAdded, checkedIn('a', 1, '2026-02-01T00:00:00.000Z')]))).toEqual({ raw: 1, clamped: 1 });
    });
  });

  describe('evolve', () => {
    it('folds the life of a key result', () => {
      expect(keyResultDecider.initialState()).toEqual({ exists: false });
      expect(
        fold(keyResultDecider, [
          added,
          { type: 'KeyResultRenamed', data: { keyResultId: 'kr1', title: 'NPS', previousTitle: 'Raise NPS' } },
          { type: 'KeyResultWeightChanged', data: { keyResultId: 'kr1', weight: 2, previousWeight: 1 } },
          {
            type: 'KeyResultCheckInCadenceChanged',
            data: { keyResultId: 'kr1', checkInCadence: 'fortnightly', previousCheckInCadence: null },
          },
          checkedIn('a', 35, '2026-02-01T00:00:00.000Z', 0.6),
          { type: 'KeyResultGraded', data: { keyResultId: 'kr1', score: 0.4, previousScore: null } },
          removed,
        ]),
      ).toEqual({
        exists: true,
        id: 'kr1',
        objectiveId: 'o1',
        title: 'NPS',
        metric: { type: 'increase', start: 20, target: 60, unit: 'points' },
        originalTarget: 60,
        weight: 2,
        ownerId: null,
        removed: true,
        grade: 0.4,
        current: { value: 35, confidence: 0.6, effectiveAt: '2026-02-01T00:00:00.000Z', sequence: 0 },
        checkInCount: 1,
        carriedOverFrom: null,
        checkInCadence: 'fortnightly',
      });
    });

    it('ignores events before the addition', () => {
      expect(fold(keyResultDecider, [checkedIn('a', 1, NOW), removed])).toEqual({ exists: false });
    });
  });
});
