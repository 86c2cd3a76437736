import { OKR_COLLECTIONS } from '@okr/projections';
import { ReadModelStore } from '@okr/read-model';

/** Every document of every OKR collection, without the `version` stamp (rebuilds may batch differently). */
export async function dumpReadModels(store: ReadModelStore, suffix = ''): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const spec of OKR_COLLECTIONS) {
    const collection = await store.collection({ name: `${spec.name}${suffix}`, indexes: spec.indexes });
    const docs: Record<string, unknown>[] = [];
    for await (const doc of collection.scan(500)) docs.push(doc as unknown as Record<string, unknown>);
    out[spec.name] = docs;
  }
  return out;
}
