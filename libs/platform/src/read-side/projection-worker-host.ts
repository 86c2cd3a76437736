import { Logger } from '@nestjs/common';
import { BUDGET } from '@okr/budget';
import { PositionWaiters } from '@okr/projections';
import { WorkerChannel, WorkerUnavailableError } from '@okr/workers';
import { ProjectionHostNotice, ProjectionWorkerData, ProjectionWorkerNotice, ProjectionWorkerRequests } from './projection-worker-protocol';

/** After the worker died (after start-up), a fresh one is started after this delay (it resumes from the checkpoint). */
const RESTART_DELAY_MS = 1_000;

export interface ProjectionWorkerStatus {
  position: number;
  running: boolean;
  lastError: string | null;
}

type CaughtUp = { position: number; ms: number };

/**
 * The API thread's side of the projection worker (projection.worker.ts), on a WorkerChannel: starts it and waits
 * for its catch-up, knows the stored position from its notices (queries and X-Min-Position waits use it); the
 * channel restarts it a second after it died (it resumes from the checkpoint); stop() lets it store its batch.
 */
export class ProjectionWorkerHost {
  private readonly channel: WorkerChannel<ProjectionWorkerRequests, ProjectionWorkerNotice, ProjectionHostNotice>;
  private position = 0;
  private running = false;
  private lastError: string | null = null;
  private stopped = false;
  private readonly waiters = new PositionWaiters(() => this.position);
  /** start() waiting for a worker that follows live; `ms`: the catch-ups so far. */
  private starting?: { resolve: (caughtUp: CaughtUp) => void; reject: (error: Error) => void; ms: number };

  private readonly freshWorkerAfterEvents: number;

  constructor(
    data: ProjectionWorkerData,
    private readonly logger: Logger,
    options: { freshWorkerAfterEvents?: number } = {},
  ) {
    this.freshWorkerAfterEvents = options.freshWorkerAfterEvents ?? BUDGET.projectionWorker.freshWorkerAfterEvents;
    this.channel = new WorkerChannel({
      dir: __dirname,
      entry: 'projection.worker',
      name: 'projection worker',
      workerData: data,
      resourceLimits: {
        maxOldGenerationSizeMb: BUDGET.projectionWorker.heapMb,
        maxYoungGenerationSizeMb: BUDGET.projectionWorker.youngGenerationMb,
      },
      restartAfterMs: RESTART_DELAY_MS,
      onNotice: (notice) => this.told(notice),
      onExit: (error) => this.died(error),
    });
  }

  /** Starts the worker; resolves once the read models hold the head as it was (the worker's catch-up). */
  start(): Promise<CaughtUp> {
    // The worker is unref'd (the HTTP server keeps the API alive), but the server listens only after the catch-up:
    // until then this timer keeps the process alive.
    const keepAlive = setInterval(() => undefined, 60_000);
    return new Promise<CaughtUp>((resolve, reject) => {
      this.starting = { resolve, reject, ms: 0 };
      this.channel.start();
    }).finally(() => clearInterval(keepAlive));
  }

  status(): ProjectionWorkerStatus {
    return { position: this.position, running: this.running, lastError: this.lastError };
  }

  /** The position up to which the read models are stored (as last reported by the worker). */
  get storedPosition(): number {
    return this.position;
  }

  /** Resolves true once the read models hold `position`, false after `timeoutMs`. */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.position >= position) return Promise.resolve(true);
    this.channel.notify({ kind: 'hurry', position });
    return this.waiters.wait(position, timeoutMs);
  }

  /** Lets the worker store its batch in progress and close its stores, then ends it. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.channel.close();
    this.running = false;
    this.starting?.resolve({ position: this.position, ms: 0 });
    this.waiters.releaseAll();
  }

  private told(notice: ProjectionWorkerNotice): void {
    switch (notice.kind) {
      case 'log':
        this.logger[notice.level](notice.message);
        break;
      case 'stored':
        this.lastError = null;
        this.stored(notice.position);
        break;
      case 'failing':
        this.lastError = notice.error;
        break;
      case 'caughtUp':
        this.stored(notice.position);
        if (this.starting) this.starting.ms += notice.ms;
        if (notice.events >= this.freshWorkerAfterEvents) return void this.replace(notice.events);
        this.running = true;
        this.starting?.resolve({ position: notice.position, ms: this.starting.ms });
        this.starting = undefined;
    }
  }

  /**
   * A worker that caught up over many events (a first start on a large log, a rebuild) is replaced by a fresh one
   * for following live: the catch-up's heap, grown to its limit, goes back to the system with its isolate.
   */
  private async replace(events: number): Promise<void> {
    this.logger.log(
      `Projection worker caught up over ${events.toLocaleString('en')} events; a fresh one follows live (the catch-up's heap is released)`,
    );
    await this.channel.close();
    if (!this.stopped) this.channel.start();
  }

  private died(error: WorkerUnavailableError): void {
    this.running = false;
    if (this.starting) {
      const reason = (error.cause as Error | undefined)?.stack ?? error.message;
      this.starting.reject(new Error(`The projection worker failed to start: ${reason}`));
      this.starting = undefined;
      void this.channel.close(); // no restart: the application does not start
      return;
    }
    this.lastError = error.message;
    this.logger.error(`${error.message}; starting a fresh one in ${RESTART_DELAY_MS} ms`);
  }

  private stored(position: number): void {
    if (position > this.position) this.position = position;
    this.waiters.notify();
  }
}
