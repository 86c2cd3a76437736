import { EntityState, HistoryValue } from './entity-state';

export interface FieldChange {
  from: HistoryValue;
  to: HistoryValue;
}

export type FieldChanges = Record<string, FieldChange>;

function same(a: HistoryValue | undefined, b: HistoryValue | undefined): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  return (a ?? null) === (b ?? null);
}

/** Nothing worth listing for a new entity: no value, an empty list, a false flag. */
function blank(value: HistoryValue | undefined): boolean {
  return value === null || value === undefined || value === false || (Array.isArray(value) && value.length === 0);
}

/**
 * The fields whose value differs between two states of one entity, from → to. A creation (no state
 * before) lists every field that has a value, from null.
 */
export function fieldChanges(before: EntityState | null, after: EntityState | null): FieldChanges {
  const changes: FieldChanges = {};
  if (!after) return changes;
  for (const [field, to] of Object.entries(after.fields)) {
    if (!before) {
      if (!blank(to)) changes[field] = { from: null, to };
      continue;
    }
    const from = before.fields[field] ?? null;
    if (!same(from, to)) changes[field] = { from, to };
  }
  return changes;
}
