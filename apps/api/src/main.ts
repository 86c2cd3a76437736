import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadAppConfig, ConfigError } from './config/app-config';
import { createApiApp } from './create-api-app';
import { runDemoSeed } from './demo/run-demo-seed';
import { SEED_DEFAULTS } from './demo/seed-arguments';
import { storeHasOkrData } from './demo/store-has-okr-data';
import { summaryLine } from './demo/demo-summary';
import { SqliteIdempotencyStore } from './http/idempotency/sqlite-idempotency.store';
import { logLevelsFrom } from './log-levels';
import { openEmbeddedStores } from './read-side/embedded-stores';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadAppConfig>;
  try {
    config = loadAppConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Invalid configuration:\n${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logLevels = logLevelsFrom(config.logLevel);
  Logger.overrideLogger(logLevels);
  const logger = new Logger('Main');
  const stores = openEmbeddedStores(config.dataDir);
  const { eventStore, readModelStore } = stores;
  const filePath = stores.paths.events;
  const idempotencyStore = new SqliteIdempotencyStore(eventStore.database);
  const empty = !(await storeHasOkrData(eventStore));
  let demo: Awaited<ReturnType<typeof runDemoSeed>> | undefined;
  if (empty && config.demo) {
    // A separate application on a simulated clock writes the demo history, then closes; the live one below
    // runs on the system clock.
    logger.log(`OKR_DEMO=1 and no OKR data yet: seeding a demo organisation (${SEED_DEFAULTS.teams} teams, ${SEED_DEFAULTS.objectives} objectives, ${SEED_DEFAULTS.days} days)`);
    demo = await runDemoSeed({ eventStore, idempotencyStore, adminToken: config.adminToken, ...SEED_DEFAULTS });
  }
  const { app, generatedAdminToken: liveAdminToken } = await createApiApp({
    eventStore,
    idempotencyStore,
    readModelStore,
    adminToken: config.adminToken,
    logLevels,
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
  logger.log(`OKR API listening on http://localhost:${config.port}/api (events: ${filePath}, read models: ${stores.paths.readModels}); OpenAPI at /api/docs`);
}

main().catch((error) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
