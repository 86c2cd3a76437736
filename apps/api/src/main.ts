import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { BUDGET } from '@okr/budget';
import { SqliteEventStore } from '@okr/event-store';
import { SqliteReadModelStore } from '@okr/read-model';
import { SEED_DEFAULTS, storeHasOkrData, summaryLine } from '@okr/demo';
import { loadConfigOrExit, openBackends, runCommandLine, logLevelsFrom, embeddedPaths } from '@okr/platform';
import { createApiApp } from './create-api-app';
import { runDemoSeed } from './run-demo-seed';
import { join } from 'node:path';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logLevels = logLevelsFrom(config.logLevel);
  Logger.overrideLogger(logLevels);
  const logger = new Logger('Main');
  // The API's read-model connection only reads (the projection worker writes through its own): a smaller page
  // cache than the store's default keeps the process's peak RSS under its 400 MB target with room to spare.
  const stores = await openBackends(config, { idempotency: true, readModelCacheKib: BUDGET.apiThread.readModelCacheKib });
  const { eventStore, readModelStore } = stores;
  const idempotencyStore = stores.idempotencyStore!;
  // On the embedded store "no OKR data" is one indexed query; elsewhere it scans the log, so only when needed.
  const empty =
    eventStore instanceof SqliteEventStore || config.demo ? !(await storeHasOkrData(eventStore)) : (await eventStore.headPosition()) === 0;
  let demo: Awaited<ReturnType<typeof runDemoSeed>> | undefined;
  if (empty && config.demo) {
    // A separate application on a simulated clock writes the demo history, then closes; the live one below
    // runs on the system clock.
    logger.log(
      `OKR_DEMO=1 and no OKR data yet: seeding a demo organisation (${SEED_DEFAULTS.teams} teams, ${SEED_DEFAULTS.objectives} objectives, ${SEED_DEFAULTS.days} days)`,
    );
    demo = await runDemoSeed({ eventStore, idempotencyStore, adminToken: config.adminToken, ...SEED_DEFAULTS });
  }
  // Group commits (and their fsync) on a thread of their own: the event loop serves requests meanwhile.
  if (eventStore instanceof SqliteEventStore) await eventStore.startWriterThread();
  const { app, generatedAdminToken: liveAdminToken } = await createApiApp({
    eventStore,
    idempotencyStore,
    readModelStore,
    projector: config.projector,
    // ?asOf: replay snapshots outlive restarts (a cache beside the embedded stores); on the embedded event store
    // the answers are computed in a worker thread with its own heap (decision 13).
    pointInTime: {
      snapshotFile: embeddedPaths(config.dataDir).pointInTimeSnapshots,
      ...(eventStore instanceof SqliteEventStore
        ? {
            worker: {
              eventStoreFile: embeddedPaths(config.dataDir).events,
              heapMb: config.pointInTimeHeapMb,
              buildAhead: config.pointInTimeBuildAhead,
            },
          }
        : {}),
    },
    // Both embedded stores on SQLite files: the projection runs in a worker thread, beside the event loop.
    ...(eventStore instanceof SqliteEventStore && readModelStore instanceof SqliteReadModelStore && config.projector === 'embedded'
      ? {
          projectionWorker: {
            eventStoreFile: embeddedPaths(config.dataDir).events,
            readModelsFile: embeddedPaths(config.dataDir).readModels,
          },
        }
      : {}),
    adminToken: config.adminToken,
    logLevels,
    // `npm run build` puts the web app beside the applications: dist/web (this file is dist/apps/api/src/main.js).
    webRoot: join(__dirname, '../../../web'),
  });
  if (demo) logger.log(summaryLine(demo.summary));
  else if (empty) logger.log('No OKR data yet: run `npm run seed` for a demo organisation, or start with OKR_DEMO=1');
  const generatedAdminToken = demo?.generatedAdminToken ?? liveAdminToken;
  if (generatedAdminToken) {
    process.stdout.write(`\nAdmin token for tenant 'default' (shown once, stored hashed):\n  ${generatedAdminToken}\n\n`);
  }
  const shutdown = async (signal: string) => {
    logger.log(`${signal} received, shutting down`);
    await app.close();
    await stores.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: config.port, host: '0.0.0.0' });
  logger.log(
    `OKR web app on http://localhost:${config.port}, API at /api (events: ${stores.describe.eventStore}; read models: ${stores.describe.readModels}; ` +
      `idempotency records: ${stores.describe.idempotency}; projections: ${config.projector === 'embedded' ? 'in this process' : 'by an external projector'}); OpenAPI at /api/docs`,
  );
}

// A backend that cannot be reached is an expected failure: its message says what to check, no stack needed.
runCommandLine(main, 'Failed to start');
