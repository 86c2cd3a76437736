import type { ObjectiveEvent } from '@okr/domain';
import { EntityHistory } from './entity-history';
import { EntityState, withFields } from './entity-state';

const TYPES: readonly ObjectiveEvent['type'][] = [
  'ObjectiveCreated',
  'ObjectiveEdited',
  'ObjectiveAligned',
  'ObjectiveUnaligned',
  'ObjectiveClosed',
  'ObjectiveArchived',
  'ObjectiveCarriedOver',
];

/** An objective's fields: what it says, who owns it, where it is aligned, its lifecycle and score. */
export const objectiveHistory: EntityHistory = {
  kind: 'objective',
  eventTypes: TYPES,
  evolve(state: EntityState | null, type: string, data: any): EntityState | null {
    if (type === 'ObjectiveCreated') {
      return {
        kind: 'objective',
        id: data.objectiveId,
        fields: {
          cycleId: data.cycleId,
          title: data.title,
          description: data.description,
          ownerId: data.ownerId,
          teamId: data.teamId,
          kind: data.kind,
          parentObjectiveId: null,
          alignmentWeight: null,
          status: 'open',
          score: null,
          carriedOverFrom: data.carriedOverFrom,
          carriedOverTo: [],
        },
      };
    }
    if (!state) return state;
    switch (type) {
      case 'ObjectiveEdited':
        return withFields(state, { ...data.changes });
      case 'ObjectiveAligned':
        return withFields(state, { parentObjectiveId: data.parentObjectiveId, alignmentWeight: data.weight });
      case 'ObjectiveUnaligned':
        return withFields(state, { parentObjectiveId: null, alignmentWeight: null });
      case 'ObjectiveClosed':
        return withFields(state, { status: 'closed', score: data.score });
      case 'ObjectiveArchived':
        return withFields(state, { status: 'archived' });
      case 'ObjectiveCarriedOver':
        return withFields(state, { carriedOverTo: [...((state.fields.carriedOverTo as string[]) ?? []), data.toObjectiveId] });
      default:
        return state;
    }
  },
};
