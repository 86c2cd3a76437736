import { Decider } from '../common/decider';
import { InvalidInputError, NotFoundError, RuleViolationError } from '../common/errors';
import { NAME_MAX, requiredText } from '../common/text';
import { isCalendarDate } from '../common/time';
import { CycleCommand } from './cycle.commands';
import { CycleEvent } from './cycle.events';

export type CycleState =
  | { exists: false }
  | { exists: true; id: string; name: string; startsOn: string; endsOn: string; status: 'open' | 'closed'; closedAt: string | null };

export const cycleDecider: Decider<CycleCommand, CycleEvent, CycleState> = {
  initialState: () => ({ exists: false }),

  decide(command, state) {
    switch (command.type) {
      case 'ScheduleCycle': {
        if (state.exists) throw new RuleViolationError('cycle.already_exists', `Cycle ${command.data.cycleId} already exists`);
        const { startsOn, endsOn } = command.data;
        if (!isCalendarDate(startsOn))
          throw new InvalidInputError('cycle.invalid_date', 'startsOn must be a calendar date YYYY-MM-DD', 'startsOn');
        if (!isCalendarDate(endsOn))
          throw new InvalidInputError('cycle.invalid_date', 'endsOn must be a calendar date YYYY-MM-DD', 'endsOn');
        if (endsOn <= startsOn) throw new InvalidInputError('cycle.ends_before_start', 'endsOn must be after startsOn', 'endsOn');
        const name = requiredText(command.data.name, 'name', NAME_MAX);
        return [{ type: 'CycleScheduled', data: { cycleId: command.data.cycleId, name, startsOn, endsOn } }];
      }
      case 'CloseCycle': {
        if (!state.exists) throw new NotFoundError('cycle.not_found', `Cycle ${command.data.cycleId} not found`);
        if (state.status === 'closed') throw new RuleViolationError('cycle.closed', `Cycle ${state.name} is already closed`);
        return [{ type: 'CycleClosed', data: { cycleId: state.id, closedAt: command.now } }];
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'CycleScheduled':
        return {
          exists: true,
          id: event.data.cycleId,
          name: event.data.name,
          startsOn: event.data.startsOn,
          endsOn: event.data.endsOn,
          status: 'open',
          closedAt: null,
        };
      case 'CycleClosed':
        return state.exists ? { ...state, status: 'closed', closedAt: event.data.closedAt } : state;
    }
  },
};
