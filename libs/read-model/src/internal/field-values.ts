import { FieldValue } from '../read-model.port';

/**
 * How every adapter compares the values of indexed fields (and ids), so that filters and sort orders agree:
 *
 * - null (and a missing field) sorts before everything else, so first in ascending order, last in descending;
 * - then numbers, compared numerically; booleans count as the numbers 0 and 1 (SQLite stores them so, hence
 *   `true` equals `1` — keep one type per indexed field);
 * - then strings, compared by Unicode code point (the order of their UTF-8 bytes: SQLite's BINARY collation,
 *   MongoDB's simple collation), not by UTF-16 code unit as JavaScript's `<` does.
 *
 * Not exported from the package: adapters share it, consumers use the port.
 */
export function compareFieldValues(a: FieldValue, b: FieldValue): number {
  const rankA = rank(a);
  const rankB = rank(b);
  if (rankA !== rankB) return rankA - rankB;
  if (rankA === NUMBER) {
    const x = Number(a);
    const y = Number(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (rankA === STRING) return compareCodePoints(a as string, b as string);
  return 0;
}

const NULL = 0;
const NUMBER = 1;
const STRING = 2;

function rank(value: FieldValue): number {
  if (value === null || value === undefined) return NULL;
  return typeof value === 'string' ? STRING : NUMBER;
}

/**
 * Compares two strings by code point. UTF-16 code-unit order only differs from it where a surrogate (a
 * code point above U+FFFF) meets a code unit in U+E000..U+FFFF, so the first differing code units are
 * remapped to make surrogates sort above every BMP code unit (the usual "code point order fix-up").
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

/**
 * The value a document holds in an indexed (top-level) field, as it reads back after the JSON round trip:
 * missing, undefined and non-finite numbers become null. Throws a TypeError for objects and arrays (indexed
 * fields hold scalars only) and for other non-JSON values.
 */
export function indexedValueOf(doc: Record<string, unknown>, field: string, collection: string): FieldValue {
  const value = doc[field];
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'undefined':
      return null;
    case 'object':
      if (value === null) return null;
      break;
  }
  throw new TypeError(
    `Document ${String(doc.id)} of collection ${collection}: indexed field ${field} must hold a string, number, boolean or null, not ${describe(value)}`,
  );
}

/** True for the values a filter or a cursor may hold. */
export function isFieldValue(value: unknown): value is FieldValue {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

export function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number') return String(value);
  return `a ${typeof value}`;
}
