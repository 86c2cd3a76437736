import type { Document, Sort } from 'mongodb';
import { FieldValue } from '../read-model.port';
import { FilterTerm, ID_FIELD, SortKey } from '../internal/rules';
import { StoredFieldValue, storedFieldValue } from './mongo-update-documents';

/**
 * MongoDB filters and sorts for the port's queries, over the stored form (see mongo-update-documents.ts): the
 * id is `_id`, an indexed field `f` is `fields.f`, tombstones have `live: false`.
 *
 * MongoDB's comparison operators ($gt, $lt…) only match values of the same BSON type as the operand ("type
 * bracketing"), while the port orders values of every type: null (or missing) < numbers < strings. So "after x"
 * conditions name the later types explicitly ({$type: 'string'} after a number, and so on).
 */

/** Every query reads live documents only. */
export const LIVE: Document = { live: true };

export function pathOf(field: string): string {
  return field === ID_FIELD ? '_id' : `fields.${field}`;
}

/**
 * The filter for `where`: equality, `$in` for several values; null (stored, or missing) matches null — in
 * MongoDB `{f: null}` and `{f: {$in: [null]}}` also match a missing field —, an empty array nothing, booleans as
 * 0/1. Always includes `live: true`.
 */
export function whereFilter(terms: readonly FilterTerm[]): Document {
  const conditions: Document[] = [LIVE];
  for (const { field, values } of terms) {
    const stored = unique(values.map(storedFieldValue));
    conditions.push({ [pathOf(field)]: stored.length === 1 ? stored[0] : { $in: stored } });
  }
  return and(conditions);
}

/** The sort: the plan's keys in order (the plan already ends with the id). */
export function sortOf(sort: readonly SortKey[]): Sort {
  const document: Record<string, 1 | -1> = {};
  for (const key of sort) document[pathOf(key.field)] = key.direction === 'asc' ? 1 : -1;
  return document;
}

/**
 * Keyset condition "the document sorts after the cursor": for sort keys k1…kn (kn = _id) and the cursor's values
 * v1…vn, the OR over i of (k1 = v1 AND … AND k(i-1) = v(i-1) AND ki after vi). Null sorts first: in ascending
 * order every non-null value is after null; in descending order nothing is after null.
 */
export function keysetCondition(sort: readonly SortKey[], after: readonly FieldValue[]): Document {
  const alternatives: Document[] = [];
  const equalities: Document[] = [];
  sort.forEach((key, i) => {
    const value = storedFieldValue(after[i]);
    const beyond = afterCondition(pathOf(key.field), key.direction, value, key.field === ID_FIELD);
    if (beyond !== null) alternatives.push(and([...equalities, beyond]));
    equalities.push({ [pathOf(key.field)]: value });
  });
  return alternatives.length === 0 ? NOTHING : alternatives.length === 1 ? alternatives[0] : { $or: alternatives };
}

/** Matches no document (an empty `$in`). */
export const NOTHING: Document = { _id: { $in: [] } };

/** The values strictly after `value` in the given direction; null when there are none. */
function afterCondition(path: string, direction: 'asc' | 'desc', value: StoredFieldValue, isId: boolean): Document | null {
  if (isId) return { [path]: direction === 'asc' ? { $gt: value } : { $lt: value } };
  if (direction === 'asc') {
    if (value === null) return { [path]: { $ne: null } };
    if (typeof value === 'number') return { $or: [{ [path]: { $gt: value } }, { [path]: { $type: 'string' } }] };
    return { [path]: { $gt: value } };
  }
  if (value === null) return null;
  if (typeof value === 'number') return { $or: [{ [path]: { $lt: value } }, { [path]: null }] };
  return { $or: [{ [path]: { $lt: value } }, { [path]: { $type: 'number' } }, { [path]: null }] };
}

/**
 * The page after a cursor is read in segments, each a plain range on the first sort key that an index on it can
 * seek (MongoDB cannot seek with the OR of `keysetCondition` alone, and would scan from the start of the index),
 * in sort order: for ascending order from a number, `k1 >= v1` among numbers then the strings; for descending
 * order from a string, `k1 <= v1` among strings, then the numbers, then null; and so on. The next segment is
 * only read when the previous ones did not fill the page. Each segment is ANDed with the keyset condition.
 */
export function keysetSegments(sort: readonly SortKey[], after: readonly FieldValue[]): Document[] {
  const first = sort[0];
  const path = pathOf(first.field);
  const value = storedFieldValue(after[0]);
  if (first.field === ID_FIELD) return [{ [path]: first.direction === 'asc' ? { $gte: value } : { $lte: value } }];
  if (first.direction === 'asc') {
    if (value === null) return [{}];
    if (typeof value === 'number') return [{ [path]: { $gte: value } }, { [path]: { $type: 'string' } }];
    return [{ [path]: { $gte: value } }];
  }
  if (value === null) return [{ [path]: null }];
  if (typeof value === 'number') return [{ [path]: { $lte: value } }, { [path]: null }];
  return [{ [path]: { $lte: value } }, { [path]: { $type: 'number' } }, { [path]: null }];
}

/** The sort values of a stored document, for a cursor (one per sort key, the id last). */
export function sortValuesOf(stored: { _id: string; fields?: Record<string, StoredFieldValue> }, sort: readonly SortKey[]): FieldValue[] {
  return sort.map((key) => (key.field === ID_FIELD ? stored._id : (stored.fields?.[key.field] ?? null)));
}

/** Live documents after `after` in id order: a page of `scan`. */
export function scanFilter(after: string | null): Document {
  return after === null ? LIVE : { live: true, _id: { $gt: after } };
}

/** ANDs conditions, leaving out empty ones; a single condition stays as it is. */
export function and(conditions: readonly Document[]): Document {
  const present = conditions.filter((condition) => Object.keys(condition).length > 0);
  if (present.length === 0) return {};
  return present.length === 1 ? present[0] : { $and: present };
}

function unique(values: StoredFieldValue[]): StoredFieldValue[] {
  return [...new Set(values)];
}
