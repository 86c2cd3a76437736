import { SqliteEventStore } from '@okr/event-store';
import { SqliteReadModelStore } from '@okr/read-model';
import { join } from 'node:path';

/** Where the embedded stores live inside OKR_DATA_DIR. */
export function embeddedPaths(dataDir: string) {
  return { events: join(dataDir, 'okr.db'), readModels: join(dataDir, 'read-models.db') };
}

/**
 * Opens the embedded stores: events in okr.db, read models in a sibling file (read-models.db), so that
 * projection writes never hold the event store's write lock.
 */
export function openEmbeddedStores(dataDir: string) {
  const paths = embeddedPaths(dataDir);
  const eventStore = SqliteEventStore.open({ filePath: paths.events });
  const readModelStore = SqliteReadModelStore.open({ filePath: paths.readModels });
  return {
    paths,
    eventStore,
    readModelStore,
    async close() {
      await readModelStore.close();
      await eventStore.close();
    },
  };
}
