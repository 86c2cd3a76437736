import { Decider } from '../common/decider';
import { NotFoundError, RuleViolationError } from '../common/errors';
import { NAME_MAX, requiredText } from '../common/text';
import { TeamCommand } from './team.commands';
import { TeamEvent } from './team.events';

export type TeamState = { exists: false } | { exists: true; id: string; name: string; parentTeamId: string | null };

export const teamDecider: Decider<TeamCommand, TeamEvent, TeamState> = {
  initialState: () => ({ exists: false }),

  decide(command, state) {
    switch (command.type) {
      case 'CreateTeam': {
        if (state.exists) throw new RuleViolationError('team.already_exists', `Team ${command.data.teamId} already exists`);
        const name = requiredText(command.data.name, 'name', NAME_MAX);
        return [{ type: 'TeamCreated', data: { teamId: command.data.teamId, name, parentTeamId: command.data.parent?.id ?? null } }];
      }
      case 'RenameTeam': {
        if (!state.exists) throw new NotFoundError('team.not_found', `Team ${command.data.teamId} not found`);
        const name = requiredText(command.data.name, 'name', NAME_MAX);
        if (name === state.name) return [];
        return [{ type: 'TeamRenamed', data: { teamId: state.id, name, previousName: state.name } }];
      }
      case 'MoveTeam': {
        if (!state.exists) throw new NotFoundError('team.not_found', `Team ${command.data.teamId} not found`);
        const parent = command.data.parent;
        if (parent && (parent.id === state.id || parent.ancestorIds.includes(state.id))) {
          throw new RuleViolationError(
            'team.hierarchy_loop',
            `Moving team ${state.name} under ${parent.id} would create a loop in the team hierarchy`,
            'parentTeamId',
          );
        }
        const parentTeamId = parent?.id ?? null;
        if (parentTeamId === state.parentTeamId) return [];
        return [{ type: 'TeamMoved', data: { teamId: state.id, parentTeamId, previousParentTeamId: state.parentTeamId } }];
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'TeamCreated':
        return { exists: true, id: event.data.teamId, name: event.data.name, parentTeamId: event.data.parentTeamId };
      case 'TeamRenamed':
        return state.exists ? { ...state, name: event.data.name } : state;
      case 'TeamMoved':
        return state.exists ? { ...state, parentTeamId: event.data.parentTeamId } : state;
    }
  },
};
