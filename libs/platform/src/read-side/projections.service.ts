import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { EventStore } from '@okr/event-store';
import { ProjectionRunner, ProjectionStatus, okrProjection } from '@okr/projections';
import { ReadModelStore } from '@okr/read-model';
import { EVENT_STORE } from '../infrastructure/event-store.token';
import { ON_API_THREAD, embeddedProjectionOptions, projectionFailure, rebuildWarning } from './embedded-projection-options';
import { ProjectionWorkerData } from './projection-worker-protocol';
import { ProjectionWorkerHost } from './projection-worker-host';
import { PROJECTION_WORKER, PROJECTOR_MODE, ProjectorMode, READ_MODEL_STORE } from './read-model.token';

/**
 * The projections the API's queries read. In the embedded setup the runner belongs to this process: it catches
 * up at start and then follows new events live — in a worker thread of its own when both embedded stores are
 * SQLite files (PROJECTION_WORKER, set by main.ts), else on this thread (in-memory stores: tests). With an
 * external projector this process only reads the checkpoint.
 */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  /** The in-process runner (embedded mode without a worker). */
  private readonly runner?: ProjectionRunner;
  /** The projection worker (embedded mode on SQLite files). */
  private readonly worker?: ProjectionWorkerHost;
  /** With an external projector: a runner that only declares the collections. */
  private readonly external?: ProjectionRunner;

  constructor(
    @Inject(EVENT_STORE) events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(PROJECTOR_MODE) mode: ProjectorMode,
    @Optional() @Inject(PROJECTION_WORKER) workerData: ProjectionWorkerData | null = null,
  ) {
    if (mode !== 'embedded') {
      // Only declares the collections (init): the external projector writes them.
      this.external = new ProjectionRunner(events, readModels, okrProjection);
      return;
    }
    if (workerData) {
      this.worker = new ProjectionWorkerHost(workerData, this.logger);
      return;
    }
    this.runner = new ProjectionRunner(
      events,
      readModels,
      okrProjection,
      embeddedProjectionOptions(
        {
          onRebuild: (stored) => this.logger.warn(rebuildWarning(stored)),
          onError: (error) => this.logger.error(projectionFailure(error)),
        },
        ON_API_THREAD,
      ),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.worker) {
      const { position, ms } = await this.worker.start();
      this.logger.log(
        `Projection '${okrProjection.name}' caught up to position ${position} in ${ms} ms; following live in its worker thread`,
      );
      return;
    }
    if (this.external) {
      await this.external.init();
      return;
    }
    if (!this.runner) return;
    await this.runner.init();
    const started = Date.now();
    const position = await this.runner.catchUp();
    this.logger.log(`Projection '${okrProjection.name}' caught up to position ${position} in ${Date.now() - started} ms; following live`);
    await this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.stop();
    await this.runner?.stop();
  }

  /** The position up to which every query's read models are complete. */
  async position(): Promise<number> {
    if (this.worker) return this.worker.storedPosition;
    return this.runner ? this.runner.position : this.readModels.checkpoint(okrProjection.name);
  }

  /** The embedded runner's state (undefined with an external projector). */
  status(): Omit<ProjectionStatus, 'projection'> | undefined {
    return this.worker?.status() ?? this.runner?.status();
  }

  /** Waits until the read models include `position` (at most `timeoutMs`). */
  async waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.worker) return this.worker.waitFor(position, timeoutMs);
    if (this.runner) return this.runner.waitForPosition(position, timeoutMs);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if ((await this.position()) >= position) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
