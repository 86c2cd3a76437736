import { IdempotencyRecord, IdempotencyStore } from './idempotency.store';

/** Process-local store, for tests and single-process development. Records are copied in and out. */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly records = new Map<string, IdempotencyRecord>();

  async find(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    const record = this.records.get(InMemoryIdempotencyStore.id(scope, key));
    return record ? structuredClone(record) : undefined;
  }

  async save(record: IdempotencyRecord): Promise<void> {
    const id = InMemoryIdempotencyStore.id(record.scope, record.key);
    if (!this.records.has(id)) this.records.set(id, structuredClone({ ...record, body: record.body ?? null }));
  }

  /** Number of records held (for tests). */
  get size(): number {
    return this.records.size;
  }

  private static id(scope: string, key: string): string {
    return `${scope}\u0000${key}`;
  }
}
