import { EntityKind, EntityState } from './entity-state';

/**
 * How history folds the events of one stream type: from the state before an event (null before the
 * stream's first event) to the state after it. Pure; data arrives upcast to the current schema.
 */
export interface EntityHistory {
  kind: EntityKind;
  eventTypes: readonly string[];
  evolve(state: EntityState | null, type: string, data: any): EntityState | null;
}
