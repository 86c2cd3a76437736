import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventStore } from '@okr/event-store';
import { ProjectionRunner, okrProjection } from '@okr/projections';
import { ReadModelStore } from '@okr/read-model';
import { EVENT_STORE } from '../infrastructure/event-store.token';
import { PROJECTOR_MODE, ProjectorMode, READ_MODEL_STORE } from './read-model.token';

/**
 * The projections the API's queries read. In the embedded setup the runner lives in this process: it
 * catches up at start and then follows new events live. With an external projector this process only
 * reads the checkpoint.
 */
/**
 * Documents the embedded runner keeps in memory between batches (the hot objectives and key results): reads
 * skip the store, and catching up from far behind stores each document every 15,000 changes rather than every
 * batch. Bounded for the API's memory.
 */
const EMBEDDED_RETAIN = { maxDocuments: 15_000 };
const EMBEDDED_FOLLOW_DELAY_MS = 20;
const EMBEDDED_REBUILD_BATCH_SIZE = 10_000;

@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  readonly okr: ProjectionRunner;

  constructor(
    @Inject(EVENT_STORE) events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(PROJECTOR_MODE) private readonly mode: ProjectorMode,
  ) {
    this.okr = new ProjectionRunner(events, readModels, okrProjection, {
      batchSize: 1000,
      // Under a stream of check-ins, batches of ~20 ms of commits: an objective and its ancestors shared by
      // several of them are settled and stored once. Reads asking for their own writes (X-Min-Position) end it.
      followDelayMs: EMBEDDED_FOLLOW_DELAY_MS,
      // Only the embedded runner writes (with an external projector this one never runs).
      ...(mode === 'embedded'
        ? {
            retain: EMBEDDED_RETAIN,
            ensureVersion: {
              onRebuild: (stored: number) => this.logger.warn(`Read models were built by version ${stored} of projection 'okr'; rebuilding them for version ${okrProjection.version}`),
              // In place, within the API's capped heap (npm start: 192 MB): its retained documents, small batches.
              rebuildBatchSize: EMBEDDED_REBUILD_BATCH_SIZE,
            },
          }
        : {}),
      onError: (error) => this.logger.error(`Projection 'okr' failed; retrying: ${error instanceof Error ? error.stack : String(error)}`),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.okr.init();
    if (this.mode !== 'embedded') return;
    const started = Date.now();
    const position = await this.okr.catchUp();
    this.logger.log(`Projection 'okr' caught up to position ${position} in ${Date.now() - started} ms; following live`);
    await this.okr.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.okr.stop();
  }

  /** The position up to which every query's read models are complete. */
  async position(): Promise<number> {
    return this.mode === 'embedded' ? this.okr.position : this.readModels.checkpoint(okrProjection.name);
  }

  /** Waits until the read models include `position` (at most `timeoutMs`). */
  async waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.mode === 'embedded') return this.okr.waitForPosition(position, timeoutMs);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if ((await this.position()) >= position) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
