import { InvalidInputError } from '@okr/domain';

/** Where a page of a check-in series ends: the sort key of its last check-in (effective instant, then sequence). */
export interface CheckInSeriesCursor {
  /** Epoch milliseconds of the last check-in's effectiveAt. */
  effectiveAt: number;
  /** The last check-in's order of recording in its key result's stream (0-based). */
  sequence: number;
}

/** Opaque to clients: base64url of a small JSON. */
export function encodeCheckInSeriesCursor(cursor: CheckInSeriesCursor): string {
  return Buffer.from(JSON.stringify({ e: cursor.effectiveAt, s: cursor.sequence })).toString('base64url');
}

/** The cursor, or a 400 naming `cursor` when it is not one this list returned (same code and message as the other lists). */
export function decodeCheckInSeriesCursor(text: string): CheckInSeriesCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const value = parsed as { e?: unknown; s?: unknown } | null | undefined;
  if (
    !value ||
    typeof value !== 'object' ||
    typeof value.e !== 'number' ||
    !Number.isFinite(value.e) ||
    !Number.isSafeInteger(value.s) ||
    (value.s as number) < 0
  ) {
    throw new InvalidInputError('cursor.invalid', 'cursor is not a cursor this list returned', 'cursor');
  }
  return { effectiveAt: value.e, sequence: value.s as number };
}
