import type { InitiativeEvent } from '@okr/domain';
import { EntityHistory } from './entity-history';
import { EntityState, withFields } from './entity-state';

const TYPES: readonly InitiativeEvent['type'][] = [
  'InitiativeCreated',
  'InitiativeEdited',
  'InitiativeKeyResultLinked',
  'InitiativeKeyResultUnlinked',
  'InitiativeStatusChanged',
];

/** An initiative's fields: title, owner, status and the key results it is linked to. */
export const initiativeHistory: EntityHistory = {
  kind: 'initiative',
  eventTypes: TYPES,
  evolve(state: EntityState | null, type: string, data: any): EntityState | null {
    if (type === 'InitiativeCreated') {
      return {
        kind: 'initiative',
        id: data.initiativeId,
        fields: { title: data.title, ownerId: data.ownerId, status: data.status, keyResultIds: [...data.keyResultIds] },
      };
    }
    if (!state) return state;
    const linked = (state.fields.keyResultIds as readonly string[]) ?? [];
    switch (type) {
      case 'InitiativeEdited':
        return withFields(state, { ...data.changes });
      case 'InitiativeKeyResultLinked':
        return withFields(state, { keyResultIds: [...linked, data.keyResultId] });
      case 'InitiativeKeyResultUnlinked':
        return withFields(state, { keyResultIds: linked.filter((id) => id !== data.keyResultId) });
      case 'InitiativeStatusChanged':
        return withFields(state, { status: data.status });
      default:
        return state;
    }
  },
};
