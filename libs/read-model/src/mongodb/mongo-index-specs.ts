import type { IndexDescription } from 'mongodb';

/**
 * The indexes of a read-model collection in MongoDB:
 *
 * - `live_id` {live, _id}: scan (live documents in id order), count, and finds in the default (id) order;
 * - `fields_<f>` {fields.f, _id} per indexed field f, partial on live documents (tombstones stay out of them;
 *   every query says `live: true`, so MongoDB may use them): equality on f with the id order, sorting by f with
 *   the id as tie-breaker (read backwards for f descending with the id descending; f descending with the id
 *   ascending, the port's order, uses it for the range and sorts the page in memory).
 *
 * A CollectionSpec only lists fields, not which combinations are queried together, so there are no compound
 * indexes across fields: MongoDB intersects or picks the most selective one.
 */
export const LIVE_ID_INDEX: IndexDescription = { key: { live: 1, _id: 1 }, name: 'live_id' };

export function fieldIndexName(field: string): string {
  return `fields_${field}`;
}

export function fieldIndexSpec(field: string): IndexDescription {
  return { key: { [`fields.${field}`]: 1, _id: 1 }, name: fieldIndexName(field), partialFilterExpression: { live: true } };
}

/** Every index of a collection with these indexed fields. */
export function indexSpecs(fields: readonly string[]): IndexDescription[] {
  return [LIVE_ID_INDEX, ...fields.map(fieldIndexSpec)];
}
