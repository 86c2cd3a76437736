import type { AnyBulkWriteOperation, UpdateFilter } from 'mongodb';
import { FieldValue, WriteOp } from '../read-model.port';
import { indexedValueOf } from '../internal/field-values';
import { encodeDocument } from '../internal/rules';
import { StoredBody, storedBodyOf } from './mongo-document-body';

/**
 * The documents the MongoDB store writes. A read-model collection `x` is the MongoDB collection `rm_x`, whose
 * documents are either
 *
 *   { _id: id, version, live: true, fields: { <indexed field>: value, … }, doc: {…} }   (or json: '…' for doc)
 *   { _id: id, version, live: false }                                                    a tombstone
 *
 * `fields` holds the values of the indexed fields as they compare (see `storedFieldValue`); queries filter and
 * sort on `fields.<name>`, never on the body.
 */
export interface StoredDocument {
  _id: string;
  version: number;
  live: boolean;
  fields?: Record<string, StoredFieldValue>;
  doc?: Record<string, unknown>;
  json?: string;
}

export type StoredFieldValue = string | number | null;

export interface CheckpointDocument {
  _id: string;
  position: number;
}

/**
 * An indexed value as MongoDB must hold it to compare the way the port says: booleans become the numbers 0 and 1
 * (BSON would sort them after strings, and `true` must equal `1`); null, numbers and strings are kept: BSON
 * already orders null < numbers < strings, numbers numerically across int32/double, and strings — without a
 * collation, as here — by their UTF-8 bytes, i.e. by code point.
 */
export function storedFieldValue(value: FieldValue): StoredFieldValue {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

/** The `fields` of a document: one entry per indexed field (null when missing, so every field is present). */
export function storedFieldsOf(
  doc: Record<string, unknown>,
  indexedFields: readonly string[],
  collection: string,
): Record<string, StoredFieldValue> {
  const fields: Record<string, StoredFieldValue> = {};
  for (const field of indexedFields) {
    // defineProperty: a field may be called __proto__ (a valid identifier), which plain assignment would not store.
    Object.defineProperty(fields, field, {
      value: storedFieldValue(indexedValueOf(doc, field, collection)),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return fields;
}

/**
 * The value a newly indexed field gets for a document written before the field was indexed, read from the
 * stored body: what the other adapters give too (SQLite's json_extract) — objects and arrays as their JSON text.
 */
export function backfilledFieldValue(value: unknown): StoredFieldValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'object') return JSON.stringify(value);
  return value as string | number;
}

/**
 * The bulk-write model of one (validated) op: a replacement guarded by the version and upserted, so that
 *
 *   - the document (or tombstone) is written when none exists or the stored one is older (`version < v`);
 *   - otherwise the filter matches nothing, the upsert tries to insert a second document with this `_id`, and the
 *     server answers E11000 (duplicate key) for this op alone: not applied — the guard. The same happens to the
 *     loser when two writers race to insert one id.
 *
 * A replacement (not $set) leaves nothing of the previous form: a tombstone keeps no body, a document revived
 * from a tombstone no stale field.
 */
export function writeModelOf(op: WriteOp, indexedFields: readonly string[]): AnyBulkWriteOperation<StoredDocument> {
  if (op.kind === 'delete') return guardedReplace(op.id, op.version, tombstone(op.version));
  const { doc } = op;
  const what = `Document ${doc.id} of collection ${op.collection}`;
  const body: StoredBody = storedBodyOf(encodeDocument(op.collection, doc), what);
  const fields = storedFieldsOf(doc, indexedFields, op.collection);
  return guardedReplace(doc.id, doc.version, { version: doc.version, live: true, fields, ...body });
}

export function tombstone(version: number): Omit<StoredDocument, '_id'> {
  return { version, live: false };
}

function guardedReplace(id: string, version: number, replacement: Omit<StoredDocument, '_id'>): AnyBulkWriteOperation<StoredDocument> {
  return { replaceOne: { filter: { _id: id, version: { $lt: version } }, replacement, upsert: true } };
}

/** Moves a projection's checkpoint forward only (`$max`), creating it when missing. */
export function checkpointUpdate(position: number): UpdateFilter<CheckpointDocument> {
  return { $max: { position } };
}

/**
 * Sets the backfilled `fields` of one document, guarded by its version and liveness: a write that replaced the
 * document meanwhile (and set the fields itself) is left alone.
 */
export function backfillModel(
  id: string,
  version: number,
  values: Record<string, StoredFieldValue>,
): AnyBulkWriteOperation<StoredDocument> {
  const $set: Record<string, StoredFieldValue> = {};
  for (const [field, value] of Object.entries(values)) $set[`fields.${field}`] = value;
  return { updateOne: { filter: { _id: id, version, live: true }, update: { $set } } };
}
