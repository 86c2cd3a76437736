import { CheckInPoint } from '@okr/domain';

/** What history keeps of one stream (one entity): the fields its entries show changes of. */
export type EntityKind = 'cycle' | 'team' | 'objective' | 'keyResult' | 'initiative' | 'tenant' | 'user';

/** A field value: scalars, or a list of ids (keyResultIds, carriedOverTo). */
export type HistoryValue = string | number | boolean | null | readonly string[];

/** Immutable: the folder makes a new state for every event, so states before and after can be kept side by side. */
export interface EntityState {
  kind: EntityKind;
  id: string;
  fields: Readonly<Record<string, HistoryValue>>;
  /** Key results only: every check-in so far, in order of recording. */
  checkIns?: readonly CheckInPoint[];
}

export function withFields(state: EntityState, changes: Record<string, HistoryValue>): EntityState {
  return { ...state, fields: { ...state.fields, ...changes } };
}
