import { BUDGET } from '@okr/budget';

/**
 * Canonical JSON: the one text a JSON value has, so that a hash of it can be recomputed by anyone, in any
 * language, from the stored event. It is the format the hash chain is defined on
 * (docs/decisions/0010-tamper-evidence.md); re-implementations must follow it exactly:
 *
 * - `null`, `true`, `false` as in JSON.
 * - Numbers as ECMAScript's JSON.stringify writes them (the shortest text that reads back as the same IEEE-754
 *   double: `1`, `2.5`, `0.1`, `1e+21`, `1.5e-7`; `-0` is written `0`). Non-finite numbers cannot be stored
 *   in JSON; here they are written `null`, like JSON.stringify.
 * - Strings as JSON.stringify writes them (ES2019 "well-formed"): `"` and `\` escaped as `\"` and `\\`;
 *   U+0008, U+0009, U+000A, U+000C, U+000D as `\b`, `\t`, `\n`, `\f`, `\r`; the other code points below
 *   U+0020 and lone surrogates as `\u` + four lower-case hex digits; every other character as itself.
 * - Arrays: `[` elements separated by `,` `]`, in order.
 * - Objects: `{` `"key":value` members separated by `,` `}`, members sorted by key, comparing keys as
 *   sequences of Unicode code points (not UTF-16 code units: U+10000 sorts after U+FFFF). A member whose
 *   value is undefined is left out (it does not exist in stored JSON).
 * - No whitespace anywhere.
 *
 * The hash is then SHA-256 over the UTF-8 bytes of that text.
 *
 * Input is meant to be a JSON value (what a store gives back). Other values are handled like JSON.stringify
 * handles them (toJSON is called, undefined/functions/symbols dropped from objects and null in arrays);
 * a BigInt or a cycle throws a TypeError.
 */
export function canonicalJson(value: unknown): string {
  const fast = sortedCopy(value, 0);
  if (fast !== NOT_PLAIN) return JSON.stringify(fast) ?? 'null';
  const text = write(value, 0);
  return text === undefined ? 'null' : text;
}

/**
 * The fast path. JSON.stringify writes everything exactly as the format says except the order of members: it
 * follows the objects' own order, integer-like keys ("2", "10") first in numeric order, then the others as
 * inserted. So a copy of the value whose objects get their keys inserted in code-point order, written by
 * JSON.stringify (native, one flat string), is the canonical text — unless an object has an integer-like key:
 * then NOT_PLAIN, and the member-by-member writer below is used.
 */
const NOT_PLAIN = Symbol('not plain');

function sortedCopy(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth > MAX_DEPTH) throw new TypeError('canonicalJson: value too deep (a cycle?)');
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return sortedCopy((value as { toJSON(): unknown }).toJSON(), depth + 1);
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const element = sortedCopy(value[i], depth + 1);
      if (element === NOT_PLAIN) return NOT_PLAIN;
      copy[i] = element;
    }
    return copy;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return value;
  const shape = shapeOf(keys);
  if (!shape.plain) return NOT_PLAIN;
  const copy: Record<string, unknown> = {};
  for (const key of shape.sortedKeys) {
    const member = sortedCopy((value as Record<string, unknown>)[key], depth + 1);
    if (member === NOT_PLAIN) return NOT_PLAIN;
    copy[key] = member;
  }
  return copy;
}

/** Deeper than this is taken for a cycle (stored JSON is never this deep). */
const MAX_DEPTH = 1000;

/** Keys holding a UTF-16 unit at or above U+D800 may sort differently by code point than by code unit. */
const HIGH_UNITS = /[\uD800-\uFFFF]/;

function write(value: unknown, depth: number): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (depth > MAX_DEPTH) throw new TypeError('canonicalJson: value too deep (a cycle?)');
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return write((value as { toJSON(): unknown }).toJSON(), depth + 1);
      return Array.isArray(value) ? writeArray(value, depth) : writeObject(value as Record<string, unknown>, depth);
    case 'bigint':
      throw new TypeError('canonicalJson: a BigInt is not a JSON value');
    default:
      // undefined, functions, symbols: no JSON text (left out of objects, null in arrays).
      return undefined;
  }
}

function writeArray(array: readonly unknown[], depth: number): string {
  let out = '[';
  for (let i = 0; i < array.length; i++) {
    if (i > 0) out += ',';
    out += write(array[i], depth + 1) ?? 'null';
  }
  return out + ']';
}

function writeObject(object: Record<string, unknown>, depth: number): string {
  const keys = Object.keys(object);
  if (keys.length === 0) return '{}';
  const shape = shapeOf(keys);
  const { sortedKeys, prefixes } = shape;
  let out = '{';
  let first = true;
  for (let i = 0; i < sortedKeys.length; i++) {
    const text = write(object[sortedKeys[i]], depth + 1);
    if (text === undefined) continue;
    out += first ? prefixes[i] + text : ',' + prefixes[i] + text;
    first = false;
  }
  return out + '}';
}

/**
 * The members' order and written keys of objects with given keys. Events of one type have the same keys in
 * the same order, so the sort and the key escaping are done once per shape and remembered (a bounded cache,
 * emptied when full; only a speed-up: a shape is always checked key for key before it is used).
 */
interface Shape {
  keys: readonly string[];
  /** The keys in code-point order. */
  sortedKeys: readonly string[];
  /** `"key":` for each sorted key. */
  prefixes: readonly string[];
  /** No integer-like key (JS objects enumerate those first, whatever the insertion order). */
  plain: boolean;
}

/** Keys that JS objects keep in numeric order ahead of the others: array indices, 0 to 2^32 - 2. */
function isIntegerLike(key: string): boolean {
  return /^(0|[1-9][0-9]{0,9})$/.test(key) && Number(key) < 4294967295;
}

/** Shapes remembered per first key, beyond which a new one replaces an older one (one event type has a few). */
const MAX_SHAPES_PER_FIRST_KEY = 16;
const shapes = new Map<string, Shape[]>();
let shapeCount = 0;

function shapeOf(keys: string[]): Shape {
  const candidates = shapes.get(keys[0]);
  if (candidates !== undefined) {
    for (const candidate of candidates) if (sameKeys(candidate.keys, keys)) return candidate;
  }
  const sortedKeys = keys.slice();
  sortKeys(sortedKeys);
  const shape: Shape = { keys, sortedKeys, prefixes: sortedKeys.map((key) => JSON.stringify(key) + ':'), plain: !keys.some(isIntegerLike) };
  if (shapeCount >= BUDGET.eventStore.canonicalShapes) {
    shapes.clear();
    shapeCount = 0;
  }
  const list = shapes.get(keys[0]);
  if (list === undefined) shapes.set(keys[0], [shape]);
  else if (list.length < MAX_SHAPES_PER_FIRST_KEY) list.push(shape);
  else list[shapeCount % MAX_SHAPES_PER_FIRST_KEY] = shape;
  shapeCount += 1;
  return shape;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Sorts in place by code point. The default sort (UTF-16 code units) agrees unless a key has a unit >= U+D800. */
function sortKeys(keys: string[]): void {
  if (keys.length < 2) return;
  for (const key of keys) {
    if (HIGH_UNITS.test(key)) {
      keys.sort(compareCodePoints);
      return;
    }
  }
  keys.sort();
}

/** Compares two strings as sequences of Unicode code points. */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length;) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    i += x > 0xffff ? 2 : 1;
  }
  return a.length - b.length;
}
