import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit, openBackends, runCommandLine, logLevelsFrom, leaseOwnerId } from '@okr/platform';
import { HealthPortUnavailableError, ProjectorHealthServer } from './projector-health-server';
import { ProjectorModule } from './projector.module';
import { ProjectorService } from './projector.service';

/**
 * The projector process (`npm run start:projector`): runs the projections against the configured stores
 * (EVENT_STORE, READ_STORE), one active replica at a time under a lease (PROJECTOR_LEASE_TTL_MS). The API
 * runs with PROJECTOR=external beside it. SIGTERM or SIGINT: the batch in flight finishes and stores its
 * checkpoint, the lease is released, exit 0 (a second signal exits at once, with 1).
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logLevels = logLevelsFrom(config.logLevel);
  Logger.overrideLogger(logLevels);
  const logger = new Logger('Main');

  const stores = await openBackends(config);
  const owner = leaseOwnerId('projector');
  logger.log(
    `Projector ${owner} starting (events: ${stores.describe.eventStore}; read models: ${stores.describe.readModels}; lease TTL ${config.projectorLeaseTtlMs} ms)`,
  );
  let projector: ProjectorService | undefined = undefined; // set once the app context exists; the health server asks before that
  // Listening first: a port that is taken stops the process before it takes the lease.
  const health =
    config.projectorHealthPort !== undefined
      ? await ProjectorHealthServer.listen(config.projectorHealthPort, () => projector?.status(), stores.eventStore)
      : undefined;
  const app = await NestFactory.createApplicationContext(
    ProjectorModule.register({
      eventStore: stores.eventStore,
      readModelStore: stores.readModelStore,
      owner,
      leaseTtlMs: config.projectorLeaseTtlMs,
    }),
    { logger: logLevels, bufferLogs: false },
  );
  projector = app.get(ProjectorService);
  if (health) logger.log(`Health at http://localhost:${health.port}/health`);

  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) {
      process.stderr.write(
        `${signal} received again: exiting without waiting for the batch (the lease expires in ${config.projectorLeaseTtlMs} ms)\n`,
      );
      process.exit(1);
    }
    shuttingDown = true;
    logger.log(`${signal} received: finishing the batch in flight, storing the checkpoint, releasing the lease`);
    try {
      await app.close();
      const position = projector?.status().projections[0]?.position;
      await health?.close();
      await stores.close();
      logger.log(`Stopped at position ${position}`);
      process.exit(0);
    } catch (error) {
      process.stderr.write(`Shutdown failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

runCommandLine(main, 'Failed to start', (error) => error instanceof HealthPortUnavailableError);
