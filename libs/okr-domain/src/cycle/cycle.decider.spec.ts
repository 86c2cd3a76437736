import { InvalidInputError, NotFoundError, RuleViolationError } from '../common/errors';
import { fold } from '../common/decider';
import { DeciderSpecification } from '../testing/decider-specification';
import { CloseCycle, ScheduleCycle } from './cycle.commands';
import { cycleDecider } from './cycle.decider';
import { CycleClosed, CycleScheduled } from './cycle.events';

const spec = DeciderSpecification.for(cycleDecider);
const NOW = '2026-01-10T09:00:00.000Z';

const schedule = (data: Partial<ScheduleCycle['data']> = {}): ScheduleCycle => ({
  type: 'ScheduleCycle',
  now: NOW,
  data: { cycleId: 'c1', name: 'Q1 2026', startsOn: '2026-01-01', endsOn: '2026-03-31', ...data },
});
const close: CloseCycle = { type: 'CloseCycle', now: '2026-04-02T10:00:00.000Z', data: { cycleId: 'c1' } };
const scheduled: CycleScheduled = {
  type: 'CycleScheduled',
  data: { cycleId: 'c1', name: 'Q1 2026', startsOn: '2026-01-01', endsOn: '2026-03-31' },
};
const closed: CycleClosed = { type: 'CycleClosed', data: { cycleId: 'c1', closedAt: '2026-04-02T10:00:00.000Z' } };

describe('cycle decider', () => {
  describe('ScheduleCycle', () => {
    it('schedules a cycle with a trimmed name', () => {
      spec
        .given([])
        .when(schedule({ name: '  Q1 2026  ' }))
        .then([{ type: 'CycleScheduled', data: { cycleId: 'c1', name: 'Q1 2026', startsOn: '2026-01-01', endsOn: '2026-03-31' } }]);
    });

    it('accepts a leap day in a leap year', () => {
      spec
        .given([])
        .when(schedule({ startsOn: '2028-02-29', endsOn: '2028-03-01' }))
        .then([{ type: 'CycleScheduled', data: { cycleId: 'c1', name: 'Q1 2026', startsOn: '2028-02-29', endsOn: '2028-03-01' } }]);
    });

    it('accepts an end date one day after the start date', () => {
      spec
        .given([])
        .when(schedule({ startsOn: '2026-01-01', endsOn: '2026-01-02' }))
        .then([{ type: 'CycleScheduled', data: { cycleId: 'c1', name: 'Q1 2026', startsOn: '2026-01-01', endsOn: '2026-01-02' } }]);
    });

    it('refuses endsOn before startsOn', () => {
      spec
        .given([])
        .when(schedule({ startsOn: '2026-03-31', endsOn: '2026-01-01' }))
        .thenThrows(InvalidInputError, { code: 'cycle.ends_before_start', field: 'endsOn' });
    });

    it('refuses endsOn equal to startsOn', () => {
      spec
        .given([])
        .when(schedule({ startsOn: '2026-01-01', endsOn: '2026-01-01' }))
        .thenThrows(InvalidInputError, { code: 'cycle.ends_before_start', field: 'endsOn' });
    });

    it('compares dates across years correctly', () => {
      spec
        .given([])
        .when(schedule({ startsOn: '2026-12-01', endsOn: '2025-12-31' }))
        .thenThrows(InvalidInputError, { code: 'cycle.ends_before_start', field: 'endsOn' });
    });

    it.each([
      ['2026-02-30', 'February 30th'],
      ['2026-02-29', 'a leap day in a common year'],
      ['2026-13-01', 'month 13'],
      ['2026-04-31', 'April 31st'],
      ['2026-00-10', 'month 0'],
      ['2026-01-00', 'day 0'],
      ['2026-1-01', 'a one-digit month'],
      ['2026-01-01T00:00:00Z', 'an instant'],
      ['01/02/2026', 'another format'],
      ['', 'an empty string'],
    ])('refuses startsOn %s (%s)', (startsOn) => {
      spec.given([]).when(schedule({ startsOn })).thenThrows(InvalidInputError, { code: 'cycle.invalid_date', field: 'startsOn' });
    });

    it.each(['2026-02-30', '2026-06-31', '2026-3-31', 'tomorrow'])('refuses endsOn %s', (endsOn) => {
      spec.given([]).when(schedule({ endsOn })).thenThrows(InvalidInputError, { code: 'cycle.invalid_date', field: 'endsOn' });
    });

    it('refuses an empty name', () => {
      spec
        .given([])
        .when(schedule({ name: '   ' }))
        .thenThrows(InvalidInputError, { code: 'text.empty', field: 'name' });
    });

    it('refuses a name longer than 120 characters, accepts 120', () => {
      spec
        .given([])
        .when(schedule({ name: 'x'.repeat(121) }))
        .thenThrows(InvalidInputError, { code: 'text.too_long', field: 'name' });
      spec
        .given([])
        .when(schedule({ name: 'x'.repeat(120) }))
        .then([{ type: 'CycleScheduled', data: { cycleId: 'c1', name: 'x'.repeat(120), startsOn: '2026-01-01', endsOn: '2026-03-31' } }]);
    });

    it('refuses to schedule a cycle twice', () => {
      spec.given([scheduled]).when(schedule()).thenThrows(RuleViolationError, { code: 'cycle.already_exists' });
    });

    it('refuses to schedule a closed cycle again', () => {
      spec.given([scheduled, closed]).when(schedule()).thenThrows(RuleViolationError, { code: 'cycle.already_exists' });
    });
  });

  describe('CloseCycle', () => {
    it('closes an open cycle at now', () => {
      spec
        .given([scheduled])
        .when(close)
        .then([{ type: 'CycleClosed', data: { cycleId: 'c1', closedAt: '2026-04-02T10:00:00.000Z' } }]);
    });

    it('closes a cycle before its end date', () => {
      spec
        .given([scheduled])
        .when({ ...close, now: '2026-02-01T00:00:00.000Z' })
        .then([{ type: 'CycleClosed', data: { cycleId: 'c1', closedAt: '2026-02-01T00:00:00.000Z' } }]);
    });

    it('refuses to close a cycle twice', () => {
      spec.given([scheduled, closed]).when(close).thenThrows(RuleViolationError, { code: 'cycle.closed', field: undefined });
    });

    it('refuses to close an unknown cycle', () => {
      spec.given([]).when(close).thenThrows(NotFoundError, { code: 'cycle.not_found' });
    });
  });

  describe('evolve', () => {
    it('starts without a cycle', () => {
      expect(cycleDecider.initialState()).toEqual({ exists: false });
    });

    it('records a scheduled cycle as open', () => {
      expect(fold(cycleDecider, [scheduled])).toEqual({
        exists: true,
        id: 'c1',
        name: 'Q1 2026',
        startsOn: '2026-01-01',
        endsOn: '2026-03-31',
        status: 'open',
        closedAt: null,
      });
    });

    it('records the closing', () => {
      expect(fold(cycleDecider, [scheduled, closed])).toMatchObject({ status: 'closed', closedAt: '2026-04-02T10:00:00.000Z' });
    });

    it('ignores a closing without a cycle', () => {
      expect(fold(cycleDecider, [closed])).toEqual({ exists: false });
    });
  });
});
