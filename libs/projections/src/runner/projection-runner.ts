import { EventStore, Subscription } from '@okr/event-store';
import { Collection, ReadModelDocument, ReadModelStore } from '@okr/read-model';
import { Projection } from '../projection';
import { BatchUnitOfWork } from './batch-unit-of-work';
import { toProjectedEvent } from './projected-event';

export interface ProjectionRunnerOptions {
  /** Events read and written per batch (one read-store write and checkpoint per batch). Default 1000. */
  batchSize?: number;
  /** Appended to every collection and checkpoint name: rebuilds write into fresh collections. Default ''. */
  suffix?: string;
  /** How long the live loop sleeps when idle before looking again (it is also woken by new events). Default 250 ms. */
  idleWaitMs?: number;
  /** Called when projecting fails; the live loop retries the batch with backoff. */
  onError?: (error: unknown) => void;
}

export interface ProjectionStatus {
  projection: string;
  position: number;
  running: boolean;
  lastError: string | null;
}

/**
 * Runs one projection: reads events after its checkpoint in global order, projects them batch by batch,
 * writes the touched documents and then the checkpoint (atomically where the read store can), and
 * follows new events live. Replaying an event changes nothing (documents are guarded by version), so it
 * resumes safely after a crash from whatever checkpoint was stored.
 */
export class ProjectionRunner {
  private readonly batchSize: number;
  private readonly suffix: string;
  private readonly idleWaitMs: number;
  private collections?: Map<string, Collection<ReadModelDocument>>;
  private current = 0;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private subscription?: Subscription;
  private lastError: string | null = null;
  private waiters: { position: number; resolve: (reached: boolean) => void }[] = [];

  constructor(
    private readonly events: EventStore,
    private readonly readModels: ReadModelStore,
    readonly projection: Projection,
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1000;
    this.suffix = options.suffix ?? '';
    this.idleWaitMs = options.idleWaitMs ?? 250;
  }

  get checkpointName(): string {
    return `${this.projection.name}${this.suffix}`;
  }

  physicalName(collection: string): string {
    return `${collection}${this.suffix}`;
  }

  /** Position of the last event whose effects are stored. */
  get position(): number {
    return this.current;
  }

  status(): ProjectionStatus {
    return { projection: this.projection.name, position: this.current, running: this.running, lastError: this.lastError };
  }

  /** Declares the collections and loads the checkpoint. */
  async init(): Promise<void> {
    if (this.collections) return;
    const collections = new Map<string, Collection<ReadModelDocument>>();
    for (const spec of this.projection.collections) {
      collections.set(spec.name, await this.readModels.collection({ name: this.physicalName(spec.name), indexes: spec.indexes }));
    }
    this.collections = collections;
    this.current = await this.readModels.checkpoint(this.checkpointName);
  }

  /** Projects the next batch after the stored checkpoint; returns how many events it read. */
  async runBatch(): Promise<number> {
    await this.init();
    // The stored checkpoint is the truth (a rebuild may have swapped collections and checkpoint).
    this.current = await this.readModels.checkpoint(this.checkpointName);
    const events = await this.events.readAll({ after: this.current, maxCount: this.batchSize });
    if (events.length === 0) return 0;
    const unit = new BatchUnitOfWork(this.collections!);
    for (const stored of events) {
      const changes = await this.projection.project(toProjectedEvent(stored), unit);
      unit.record(changes, stored.position);
    }
    const last = events[events.length - 1].position;
    await this.readModels.apply({ ops: unit.ops((name) => this.physicalName(name)), checkpoint: { projection: this.checkpointName, position: last } });
    this.current = last;
    this.lastError = null;
    this.notifyWaiters();
    return events.length;
  }

  /** Projects until the checkpoint reaches the head as it was when called (or `until`). */
  async catchUp(options: { until?: number; onBatch?: (position: number, head: number) => void } = {}): Promise<number> {
    const head = options.until ?? (await this.events.headPosition());
    await this.init();
    while (this.current < head) {
      const read = await this.runBatch();
      options.onBatch?.(this.current, head);
      if (read === 0) break;
    }
    return this.current;
  }

  /** Follows the event log live until stop(). */
  async start(): Promise<void> {
    if (this.running) return;
    await this.init();
    this.running = true;
    this.subscription = this.events.subscribeToAll(() => this.wake?.(), { after: await this.events.headPosition() });
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let read = 0;
      try {
        read = await this.runBatch();
        failures = 0;
      } catch (error) {
        failures++;
        this.lastError = error instanceof Error ? error.message : String(error);
        this.options.onError?.(error);
      }
      if (!this.running) break;
      if (read === 0 || failures > 0) {
        const wait = failures > 0 ? Math.min(30_000, 100 * 2 ** Math.min(failures, 8)) : this.idleWaitMs;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, wait);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = undefined;
      }
    }
  }

  /** Stops after the batch in progress has been stored. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.subscription?.stop();
    await this.loop;
    this.loop = undefined;
    for (const waiter of this.waiters) waiter.resolve(this.current >= waiter.position);
    this.waiters = [];
  }

  /** Resolves true once the projection has stored `position`, false after `timeoutMs`. */
  waitForPosition(position: number, timeoutMs: number): Promise<boolean> {
    if (this.current >= position) return Promise.resolve(true);
    this.wake?.();
    return new Promise((resolve) => {
      const waiter = {
        position,
        resolve: (reached: boolean) => {
          clearTimeout(timer);
          resolve(reached);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(this.current >= position);
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  private notifyWaiters(): void {
    if (this.waiters.length === 0) return;
    const reached = this.waiters.filter((w) => this.current >= w.position);
    this.waiters = this.waiters.filter((w) => this.current < w.position);
    for (const waiter of reached) waiter.resolve(true);
  }
}
