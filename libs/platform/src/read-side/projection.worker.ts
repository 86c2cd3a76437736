import 'reflect-metadata';
import { BUDGET } from '@okr/budget';
import { HashChainedEventStore, SqliteEventStore } from '@okr/event-store';
import { ProjectionRunner, okrProjection } from '@okr/projections';
import { SqliteReadModelStore } from '@okr/read-model';
import { serve } from '@okr/workers';
import { workerData } from 'node:worker_threads';
import { IN_WORKER, embeddedProjectionOptions, projectionFailure, rebuildWarning } from './embedded-projection-options';
import { ProjectionHostNotice, ProjectionWorkerData, ProjectionWorkerNotice, ProjectionWorkerRequests } from './projection-worker-protocol';

/**
 * The projection worker thread of the embedded API: the `okr` runner with its own connections to the embedded
 * event store (read) and read-model store (write), so that projecting and storing the read models — a third of
 * the CPU of a check-in — runs beside the API's event loop instead of on it. The API thread reads the read
 * models through its own connection and learns the stored position from this worker's messages
 * (ProjectionWorkerHost). Same runner, same options, same documents as in process.
 */
const data = workerData as ProjectionWorkerData;

let sqlite: SqliteEventStore | undefined;
let readModels: SqliteReadModelStore | undefined;
let runner: ProjectionRunner | undefined;
let stopping: Promise<void> | undefined;
let rebuilt = false;

async function start(): Promise<void> {
  // Read-only: the API's own connection migrated the file and its writer thread writes it. The runner finds new
  // events by polling the head every few ms (IN_WORKER: a query of a few µs here, off the API's thread) rather than
  // being told by a message per commit, which cost the API's event loop ~5 % of a check-in.
  sqlite = SqliteEventStore.open({ filePath: data.eventStoreFile, readonly: true });
  // A smaller page cache than the API thread's (which serves the queries): the process holds both.
  readModels = SqliteReadModelStore.open({ filePath: data.readModelsFile, cacheSizeKib: BUDGET.projectionWorker.readModelCacheKib });
  runner = new ProjectionRunner(
    // Reads as the API's (hash-chain keys stripped), so the documents are the in-process runner's.
    HashChainedEventStore.wrap(sqlite),
    readModels,
    okrProjection,
    embeddedProjectionOptions(
      {
        onRebuild: (stored) => {
          rebuilt = true;
          post({ kind: 'log', level: 'warn', message: rebuildWarning(stored) });
        },
        onError: (error) => {
          post({ kind: 'log', level: 'error', message: projectionFailure(error) });
          post({ kind: 'failing', error: error instanceof Error ? error.message : String(error) });
        },
        onStored: (position) => post({ kind: 'stored', position }),
      },
      IN_WORKER,
    ),
  );
  await runner.init();
  const started = Date.now();
  const from = runner.position;
  const position = await runner.catchUp();
  // A rebuild (another projection version) covered the whole log, whatever the checkpoint said before.
  post({ kind: 'caughtUp', position, ms: Date.now() - started, events: rebuilt ? position : position - from });
  if (!stopping) await runner.start();
}

async function stop(): Promise<void> {
  await runner?.stop();
  await sqlite?.close();
  await readModels?.close();
}

const { notify: post } = serve<ProjectionWorkerRequests, ProjectionWorkerNotice, ProjectionHostNotice>(
  {},
  {
    // Ends the follow delay; the position reaches the API thread through 'stored' notices.
    onNotice: (hurry) => void runner?.waitForPosition(hurry.position, 0),
    // Stores the batch in progress and closes the stores; the thread then ends.
    onClose: () => (stopping ??= stop()),
  },
);

// A failed start-up ends the thread with its error (the host reports it).
start().catch(async (error) => {
  await stop().catch(() => undefined);
  throw error;
});
