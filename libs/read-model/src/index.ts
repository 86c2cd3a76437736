/**
 * @okr/read-model — the read-model port and its adapters.
 * The shared contract suite lives in ./testing and is deliberately not exported from here
 * (import '@okr/read-model/testing/read-model.contract' from tests).
 */
export * from './read-model.port';
export { InMemoryReadModelStore } from './in-memory/in-memory-read-model-store';
export { SqliteReadModelStore } from './sqlite/sqlite-read-model-store';
export type { SqliteReadModelStoreOptions } from './sqlite/sqlite-read-model-store';
export { READ_MODEL_SCHEMA_COMPONENT } from './sqlite/read-model-schema';
export { MongoReadModelStore } from './mongodb/mongodb-read-model-store';
export type { MongoReadModelOptions, MongoPing } from './mongodb/mongodb-read-model-store';
export { MongoUnavailableError } from './mongodb/mongo-errors';
