import { Decider } from '../common/decider';
import { InvalidInputError, NotFoundError, RuleViolationError } from '../common/errors';
import { TITLE_MAX, requiredText } from '../common/text';
import { InitiativeCommand, LinkableKeyResult } from './initiative.commands';
import { INITIATIVE_STATUSES, InitiativeEvent, InitiativeStatus } from './initiative.events';

export type InitiativeState =
  { exists: false } | { exists: true; id: string; title: string; ownerId: string | null; status: InitiativeStatus; keyResultIds: string[] };

function linkable(keyResults: LinkableKeyResult[], alreadyLinked: readonly string[] = []): string[] {
  const ids: string[] = [];
  keyResults.forEach((kr, index) => {
    if (kr.removed && !alreadyLinked.includes(kr.id)) {
      throw new RuleViolationError('key_result.removed', `Key result ${kr.id} was removed and cannot be linked`, `keyResultIds.${index}`);
    }
    if (!ids.includes(kr.id)) ids.push(kr.id);
  });
  return ids;
}

function checkStatus(status: InitiativeStatus): InitiativeStatus {
  if (!INITIATIVE_STATUSES.includes(status))
    throw new InvalidInputError('initiative.status', `status must be one of ${INITIATIVE_STATUSES.join(', ')}`, 'status');
  return status;
}

export const initiativeDecider: Decider<InitiativeCommand, InitiativeEvent, InitiativeState> = {
  initialState: () => ({ exists: false }),

  decide(command, state) {
    switch (command.type) {
      case 'CreateInitiative': {
        const d = command.data;
        if (state.exists) throw new RuleViolationError('initiative.already_exists', `Initiative ${d.initiativeId} already exists`);
        return [
          {
            type: 'InitiativeCreated',
            data: {
              initiativeId: d.initiativeId,
              title: requiredText(d.title, 'title', TITLE_MAX),
              ownerId: d.ownerId ?? null,
              keyResultIds: linkable(d.keyResults),
              status: 'planned',
            },
          },
        ];
      }
      case 'UpdateInitiative': {
        const d = command.data;
        if (!state.exists) throw new NotFoundError('initiative.not_found', `Initiative ${d.initiativeId} not found`);
        const events: InitiativeEvent[] = [];
        const changes: { title?: string; ownerId?: string | null } = {};
        const previous: { title?: string; ownerId?: string | null } = {};
        if (d.title !== undefined) {
          const title = requiredText(d.title, 'title', TITLE_MAX);
          if (title !== state.title) {
            changes.title = title;
            previous.title = state.title;
          }
        }
        if (d.ownerId !== undefined && d.ownerId !== state.ownerId) {
          changes.ownerId = d.ownerId;
          previous.ownerId = state.ownerId;
        }
        if (Object.keys(changes).length > 0) events.push({ type: 'InitiativeEdited', data: { initiativeId: state.id, changes, previous } });
        if (d.keyResults !== undefined) {
          const wanted = linkable(d.keyResults, state.keyResultIds);
          for (const id of wanted)
            if (!state.keyResultIds.includes(id))
              events.push({ type: 'InitiativeKeyResultLinked', data: { initiativeId: state.id, keyResultId: id } });
          for (const id of state.keyResultIds)
            if (!wanted.includes(id))
              events.push({ type: 'InitiativeKeyResultUnlinked', data: { initiativeId: state.id, keyResultId: id } });
        }
        if (d.status !== undefined && checkStatus(d.status) !== state.status) {
          events.push({
            type: 'InitiativeStatusChanged',
            data: { initiativeId: state.id, status: d.status, previousStatus: state.status },
          });
        }
        return events;
      }
    }
  },

  evolve(state, event) {
    if (event.type === 'InitiativeCreated') {
      const d = event.data;
      return { exists: true, id: d.initiativeId, title: d.title, ownerId: d.ownerId, status: d.status, keyResultIds: [...d.keyResultIds] };
    }
    if (!state.exists) return state;
    switch (event.type) {
      case 'InitiativeEdited':
        return { ...state, ...event.data.changes };
      case 'InitiativeKeyResultLinked':
        return { ...state, keyResultIds: [...state.keyResultIds, event.data.keyResultId] };
      case 'InitiativeKeyResultUnlinked':
        return { ...state, keyResultIds: state.keyResultIds.filter((id) => id !== event.data.keyResultId) };
      case 'InitiativeStatusChanged':
        return { ...state, status: event.data.status };
    }
  },
};
