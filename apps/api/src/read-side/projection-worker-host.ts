import { Logger } from '@nestjs/common';
import { Worker } from 'node:worker_threads';
import { startWorkerThread } from '@okr/event-store';
import { PositionWaiters } from '@okr/projections';
import { ProjectionWorkerData, ProjectionWorkerMessage, ProjectionWorkerRequest } from './projection-worker-protocol';

/**
 * The worker's old-generation heap. In process, the runner lived within the API's 192 MB heap beside everything
 * else; its retained documents (15,000) and a rebuild's 10,000-event batches fit in this (the peak RSS target of the
 * whole process is 400 MB).
 */
const WORKER_HEAP_MB = 128;
/**
 * Its young generation: V8 lets it grow to ~48 MB under a stream of batches, which the process's peak RSS pays for;
 * batches of a few hundred events die young well within this.
 */
const WORKER_YOUNG_GENERATION_MB = 12;
/** After the worker died (after start-up), a fresh one is started after this delay (it resumes from the checkpoint). */
const RESTART_DELAY_MS = 1_000;
/**
 * A worker that caught up over at least this many events is replaced by a fresh one before following live (its heap
 * grew to the limit during the catch-up; measured on the million-event log: ~120 MB of heap, against ~20 MB for a
 * worker that starts at the head).
 */
const FRESH_WORKER_AFTER_EVENTS = 50_000;
/** How long stop() waits for the worker to store its batch and close before terminating it. */
const STOP_TIMEOUT_MS = 10_000;

export interface ProjectionWorkerStatus {
  position: number;
  running: boolean;
  lastError: string | null;
}

/**
 * The API thread's side of the projection worker (projection.worker.ts): starts it and waits for its catch-up,
 * knows the stored position from its messages (queries and
 * X-Min-Position waits use it), restarts it if it dies, and stops it gracefully.
 */
export class ProjectionWorkerHost {
  private worker?: Worker;
  private position = 0;
  private running = false;
  private lastError: string | null = null;
  private stopped = false;
  private readonly waiters = new PositionWaiters(() => this.position);
  private restartTimer?: NodeJS.Timeout;
  /** The worker being stopped on purpose (its exit is no failure). */
  private retiring?: Worker;

  private readonly freshWorkerAfterEvents: number;

  constructor(
    private readonly data: ProjectionWorkerData,
    private readonly logger: Logger,
    options: { freshWorkerAfterEvents?: number } = {},
  ) {
    this.freshWorkerAfterEvents = options.freshWorkerAfterEvents ?? FRESH_WORKER_AFTER_EVENTS;
  }

  /**
   * Starts the worker; resolves once the read models hold the head as it was (the worker's catch-up). A worker
   * that caught up over many events (a first start on a large log, a rebuild) is then replaced by a fresh one for
   * following live: the catch-up's heap, grown to its limit, goes back to the system with its isolate.
   */
  async start(): Promise<{ position: number; ms: number }> {
    const first = await this.launch();
    if (first.events < this.freshWorkerAfterEvents || this.stopped) return first;
    this.logger.log(
      `Projection worker caught up over ${first.events.toLocaleString('en')} events; a fresh one follows live (the catch-up's heap is released)`,
    );
    await this.stopWorker();
    if (this.stopped) return first;
    const live = await this.launch();
    return { position: live.position, ms: first.ms + live.ms };
  }

  /** One worker, until it has caught up. */
  private launch(): Promise<{ position: number; ms: number; events: number }> {
    return new Promise((resolve, reject) => {
      let started = false;
      const worker = startWorkerThread(__dirname, 'projection.worker', this.data, {
        maxOldGenerationSizeMb: WORKER_HEAP_MB,
        maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB,
      });
      worker.unref(); // the HTTP server keeps the process alive; stop() ends the worker
      this.worker = worker;
      let failure: string | undefined;
      worker.on('message', (message: ProjectionWorkerMessage) => {
        switch (message.kind) {
          case 'log':
            this.logger[message.level](message.message);
            break;
          case 'caughtUp':
            this.stored(message.position);
            this.running = true;
            started = true;
            resolve({ position: message.position, ms: message.ms, events: message.events });
            break;
          case 'stored':
            this.lastError = null;
            this.stored(message.position);
            break;
          case 'failing':
            this.lastError = message.error;
            break;
          case 'failed':
            failure = message.error;
            break;
          case 'stopped':
            void worker.terminate();
            break;
        }
      });
      worker.on('error', (error) => (failure = error.message));
      worker.on('exit', (code) => {
        if (this.worker === worker) this.worker = undefined;
        this.running = false;
        const reason = failure ?? `exit code ${code}`;
        if (!started) {
          reject(new Error(`The projection worker failed to start: ${reason}`));
          return;
        }
        if (this.stopped || this.retiring === worker) return;
        this.lastError = `the projection worker stopped (${reason})`;
        this.logger.error(`Projection worker stopped (${reason}); starting a fresh one in ${RESTART_DELAY_MS} ms`);
        this.restartTimer = setTimeout(() => {
          if (this.stopped) return;
          this.start().catch((error: unknown) => this.logger.error(error instanceof Error ? error.message : String(error)));
        }, RESTART_DELAY_MS);
      });
    });
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
    this.send({ kind: 'hurry', position });
    return this.waiters.wait(position, timeoutMs);
  }

  /** Lets the worker store its batch in progress and close its stores, then ends it. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    await this.stopWorker();
    this.waiters.releaseAll();
  }

  /** Stops the current worker gracefully ('stop', then it answers 'stopped' and is ended), or ends it after a timeout. */
  private async stopWorker(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.retiring = worker;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
      worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      worker.postMessage({ kind: 'stop' } satisfies ProjectionWorkerRequest);
    });
  }

  private stored(position: number): void {
    if (position > this.position) this.position = position;
    this.waiters.notify();
  }

  private send(request: ProjectionWorkerRequest): void {
    this.worker?.postMessage(request);
  }
}
