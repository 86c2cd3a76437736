import { BUDGET } from '@okr/budget';
import type { Collection, Document } from 'mongodb';
import { bodyOf } from './mongo-document-body';
import { backfilledFieldValue, backfillModel, StoredDocument, StoredFieldValue } from './mongo-update-documents';

/** Live documents after `after` (id order) that lack a value for any of `fields`. */
export function missingFieldsFilter(fields: readonly string[], after: string | null): Document {
  const missing = fields.map((field) => ({ [`fields.${field}`]: { $exists: false } }));
  return { live: true, ...(after === null ? {} : { _id: { $gt: after } }), $or: missing };
}

/**
 * Gives the documents written before `fields` were indexed their `fields.<f>` values, read from their bodies,
 * page by page in id order. Each update is guarded by the document's version, so a newer write that landed
 * meanwhile (and set the values itself) is left alone. Returns how many documents were updated.
 */
export async function backfillFields(collection: Collection<StoredDocument>, fields: readonly string[]): Promise<number> {
  if (fields.length === 0) return 0;
  let after: string | null = null;
  let updated = 0;
  for (;;) {
    const page = await collection
      .find(missingFieldsFilter(fields, after), {
        sort: { _id: 1 },
        limit: BUDGET.readModels.mongoBackfillPageDocuments,
        projection: { version: 1, doc: 1, json: 1 },
      })
      .toArray();
    if (page.length === 0) return updated;
    const models = page.map((stored) => {
      const body = bodyOf<Record<string, unknown>>(stored);
      const values: Record<string, StoredFieldValue> = {};
      for (const field of fields) values[field] = backfilledFieldValue(body[field]);
      return backfillModel(stored._id, stored.version, values);
    });
    const result = await collection.bulkWrite(models, { ordered: false });
    updated += result.modifiedCount;
    if (page.length < BUDGET.readModels.mongoBackfillPageDocuments) return updated;
    after = page[page.length - 1]._id;
  }
}
