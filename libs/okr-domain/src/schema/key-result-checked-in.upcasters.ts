/**
 * Schema history of `KeyResultCheckedIn`.
 *
 * - v1, the first shape: `{keyResultId, checkInId, value, confidence, note}`. A check-in took effect when it
 *   was recorded, so there was no `effectiveAt`. (Events written by this code before version 2 existed are
 *   labelled v1 too but already carry `effectiveAt`, possibly backdated: theirs is kept.)
 * - v2, the current shape: always carries `effectiveAt` (ISO-8601), the time the value held, which may be
 *   earlier than `recordedAt` (a backdated check-in).
 */

/** The first stored shape of a check-in (v1): no effectiveAt, or one already present (see above). */
export interface KeyResultCheckedInV1Data {
  keyResultId: string;
  checkInId: string;
  value: number;
  confidence: number;
  note: string | null;
  effectiveAt?: string;
}

/** v1 → v2: a check-in without `effectiveAt` took effect when it was recorded. */
export function checkedInV1ToV2(data: Record<string, unknown>, event: { metadata: { recordedAt?: unknown } }): Record<string, unknown> {
  if (typeof data.effectiveAt === 'string') return data;
  const recordedAt = event.metadata.recordedAt;
  if (typeof recordedAt !== 'string' || recordedAt.length === 0) {
    throw new TypeError('KeyResultCheckedIn v1 event without effectiveAt has no metadata.recordedAt to take it from');
  }
  return { ...data, effectiveAt: recordedAt };
}
