import { InvalidInputError } from '@okr/domain';

/** Where a page of a timeline or of the audit trail ends: the order, and the position of the last event passed. */
export interface HistoryCursor {
  order: 'asc' | 'desc';
  position: number;
}

/** Opaque to clients: base64url of a small JSON. */
export function encodeHistoryCursor(cursor: HistoryCursor): string {
  return Buffer.from(JSON.stringify({ o: cursor.order, p: cursor.position })).toString('base64url');
}

/** The cursor, or a 400 naming `cursor` when it is not one this API returned for the same order. */
export function decodeHistoryCursor(text: string, order: 'asc' | 'desc'): HistoryCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const value = parsed as { o?: unknown; p?: unknown } | undefined;
  if (!value || (value.o !== 'asc' && value.o !== 'desc') || !Number.isSafeInteger(value.p) || (value.p as number) < 0) {
    throw new InvalidInputError('cursor.invalid', 'cursor is not a cursor this list returned', 'cursor');
  }
  if (value.o !== order)
    throw new InvalidInputError('cursor.order', `cursor was returned for order=${value.o}, not order=${order}`, 'cursor');
  return { order: value.o, position: value.p as number };
}
