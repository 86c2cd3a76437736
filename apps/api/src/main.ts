import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { SqliteEventStore } from '@okr/event-store';
import { join } from 'node:path';
import { loadAppConfig, ConfigError } from './config/app-config';
import { createApiApp } from './create-api-app';
import { SqliteIdempotencyStore } from './http/idempotency/sqlite-idempotency.store';
import { logLevelsFrom } from './log-levels';

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
  const logger = new Logger('Main');
  const filePath = join(config.dataDir, 'okr.db');
  const eventStore = SqliteEventStore.open({ filePath });
  const idempotencyStore = new SqliteIdempotencyStore(eventStore.database);
  const { app, generatedAdminToken } = await createApiApp({
    eventStore,
    idempotencyStore,
    adminToken: config.adminToken,
    logLevels: logLevelsFrom(config.logLevel),
  });
  if (generatedAdminToken) {
    process.stdout.write(`\nAdmin token for tenant 'default' (shown once, stored hashed):\n  ${generatedAdminToken}\n\n`);
  }
  const shutdown = async (signal: string) => {
    logger.log(`${signal} received, shutting down`);
    await app.close();
    await eventStore.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: config.port, host: '0.0.0.0' });
  logger.log(`OKR API listening on http://localhost:${config.port}/api (event store: ${filePath}); OpenAPI at /api/docs`);
}

main().catch((error) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
