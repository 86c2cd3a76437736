/**
 * Schema history of `KeyResultAdded`.
 *
 * - v1, the first shape: `{keyResultId, objectiveId, title, metric, weight, ownerId, carriedOverFrom}`.
 * - v2, the current shape: adds `checkInCadence` (a CheckInCadence, or null: the tenant's). Key results added
 *   before cadences existed follow their tenant's (decision 20).
 */

/** v1 → v2: a key result added before cadences existed follows its tenant's cadence. */
export function addedV1ToV2(data: Record<string, unknown>): Record<string, unknown> {
  return { ...data, checkInCadence: null };
}
