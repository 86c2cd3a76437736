import { BUDGET } from '@okr/budget';
import { EventStore, Subscription } from '@okr/event-store';
import { Collection, ReadModelDocument, ReadModelStore, WriteOp } from '@okr/read-model';
import { Projection } from '../projection';
import { BatchUnitOfWork } from './batch-unit-of-work';
import { toProjectedEvent } from './projected-event';
import { RetainedDocuments } from './retained-documents';
import { PositionWaiters } from './position-waiters';
import { RetainedUnitOfWork } from './retained-unit-of-work';
import { REBUILD_SUFFIX, RebuildProgress, versionCheckpointName } from './rebuild';

export interface ProjectionRunnerOptions {
  /**
   * Events per batch: projected together and settled once at its end; one read-store write and checkpoint per
   * batch unless retaining documents. Read from the log in pages (the budget's `readPageEvents`). Default: the
   * budget's `projectionRunner.batchEvents`.
   */
  batchSize?: number;
  /** Appended to every collection and checkpoint name: rebuilds write into fresh collections. Default ''. */
  suffix?: string;
  /** How long the live loop sleeps when idle before looking again (it is also woken by new events). Default 250 ms. */
  idleWaitMs?: number;
  /**
   * Following live, find new events by asking the log's head position this often (ms) instead of through a
   * subscription (which reads and decodes every new event only to wake the runner, which then reads them again).
   * For a store whose head is one cheap query (SQLite) that another connection writes. Default: subscription.
   */
  pollHeadMs?: number;
  /**
   * Following live: after a batch that reached the head, wait this long before the next one (unless a reader
   * waits for a position, see waitForPosition, or the runner stops), so that under a stream of writes each
   * batch gathers the events of several commits — the documents they share (an objective and its ancestors)
   * are then settled and stored once for all of them. Default 0 (the next batch at once).
   */
  followDelayMs?: number;
  /** Called when projecting fails; the live loop retries the batch with backoff. */
  onError?: (error: unknown) => void;
  /** Called each time a batch (or a flush) has been stored, with the position the stored checkpoint now holds. */
  onStored?: (position: number) => void;
  /**
   * Keep documents in memory across batches, for a runner that is the only writer of its collections (the
   * embedded API, a rebuild, the projector holding its lease). Reads of retained documents skip the store,
   * and while catching up the documents changed by many batches are stored together with one checkpoint
   * (a flush) instead of after every batch. Following live, every batch is still flushed at once.
   */
  retain?: RetainOptions;
  /**
   * Before catching up, make sure the stored read models were built by this version of the projection, and
   * rebuild them from zero when not (see ensureProjectionVersion). For the projection's single live writer.
   */
  ensureVersion?: {
    onRebuild?: (storedVersion: number) => void;
    /**
     * Events per batch of that rebuild (default: the rebuild CLI's, 100,000). Its documents are retained like
     * this runner's (`retain`), so that a process with a small heap (the API) can rebuild in place.
     */
    rebuildBatchSize?: number;
  };
}

export interface RetainOptions {
  /** At most this many documents in memory: beyond it the runner flushes, then forgets the least recently used. */
  maxDocuments: number;
  /** While catching up, flush at least every this many events (default: only when memory or the end asks). */
  flushEveryEvents?: number;
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
  private readonly writeOnly: Set<string>;
  private readonly retained?: RetainedDocuments;
  /** Position of the last event stored with the checkpoint. */
  private current = 0;
  /** Position of the last event applied in memory (> current only between flushes when retaining). */
  private applied = 0;
  private eventsSinceFlush = 0;
  /** Writes to write-only collections not stored yet (physical collection names). */
  private ahead: WriteOp[] = [];
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** Ends the follow delay (a reader waits for a position, or the runner stops). */
  private hurry?: () => void;
  private readonly followDelayMs: number;
  private subscription?: Subscription;
  private headPoll?: NodeJS.Timeout;
  private lastError: string | null = null;
  private readonly waiters = new PositionWaiters(() => this.current);

  constructor(
    private readonly events: EventStore,
    private readonly readModels: ReadModelStore,
    readonly projection: Projection,
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? BUDGET.projectionRunner.batchEvents;
    this.suffix = options.suffix ?? '';
    this.idleWaitMs = options.idleWaitMs ?? 250;
    this.followDelayMs = options.followDelayMs ?? 0;
    if (!Number.isFinite(this.followDelayMs) || this.followDelayMs < 0)
      throw new RangeError('followDelayMs must be a non-negative number of milliseconds');
    if (options.pollHeadMs !== undefined && !(Number.isFinite(options.pollHeadMs) && options.pollHeadMs > 0))
      throw new RangeError('pollHeadMs must be a positive number of milliseconds');
    this.writeOnly = new Set(projection.collections.filter((spec) => spec.writeOnly).map((spec) => spec.name));
    if (options.retain) {
      if (!Number.isSafeInteger(options.retain.maxDocuments) || options.retain.maxDocuments < 1)
        throw new RangeError('retain.maxDocuments must be a positive integer');
      this.retained = new RetainedDocuments();
    }
  }

  get checkpointName(): string {
    return `${this.projection.name}${this.suffix}`;
  }

  physicalName(collection: string): string {
    if (!this.suffix) return collection;
    let name = this.physicalNames.get(collection);
    if (name === undefined) {
      name = `${collection}${this.suffix}`;
      this.physicalNames.set(collection, name);
    }
    return name;
  }

  private readonly physicalNames = new Map<string, string>();

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
    this.forget();
  }

  /**
   * Projects the next batch after the last applied event; returns how many events it read. Stores the batch
   * (with the checkpoint) unless retaining documents while catching up, where `flush()` or the memory bound does.
   */
  async runBatch(options: { flush?: boolean } = {}): Promise<number> {
    await this.init();
    // The stored checkpoint is the truth: a rebuild may have swapped collections and checkpoint, another
    // replica may have moved on. Whatever this runner holds in memory is then stale.
    const stored = await this.readModels.checkpoint(this.checkpointName);
    if (stored !== this.current) {
      this.current = stored;
      this.forget();
    }
    // The batch is read in pages: decoded events die young instead of outliving a whole batch (GC).
    let events = await this.events.readAll({
      after: this.applied,
      maxCount: Math.min(BUDGET.projectionRunner.readPageEvents, this.batchSize),
    });
    if (events.length === 0) {
      if (options.flush !== false) await this.flush();
      return 0;
    }
    const unit = this.retained
      ? new RetainedUnitOfWork(this.collections!, this.retained, this.writeOnly, (op) => {
          op.collection = this.physicalName(op.collection);
          this.ahead.push(op);
        })
      : new BatchUnitOfWork(this.collections!);
    let read = 0;
    let last: number; // the position of the last event read (the batch is never empty)
    try {
      for (;;) {
        for (const stored of events) {
          const changes = await this.projection.project(toProjectedEvent(stored), unit);
          unit.record(changes, stored.position);
        }
        const asked = Math.min(BUDGET.projectionRunner.readPageEvents, this.batchSize - read);
        read += events.length;
        last = events[events.length - 1].position;
        if (events.length < asked || read >= this.batchSize) break;
        // Write-only documents need not wait for the end of a long batch.
        if (this.ahead.length >= BUDGET.projectionRunner.aheadWrites) await this.writeAhead();
        events = await this.events.readAll({
          after: last,
          maxCount: Math.min(BUDGET.projectionRunner.readPageEvents, this.batchSize - read),
        });
        if (events.length === 0) break;
      }
      const pending = unit.takeSettleRequests();
      if (pending.length > 0) {
        if (!this.projection.settle) throw new Error(`Projection '${this.projection.name}' asked to settle documents but has no settle()`);
        unit.recordSettled(await this.projection.settle(pending, unit));
      }
    } catch (error) {
      // Handlers may have modified retained documents in place before failing.
      this.forget();
      throw error;
    }
    if (unit instanceof BatchUnitOfWork) {
      await this.readModels.apply({
        ops: unit.ops((name) => this.physicalName(name)),
        checkpoint: { projection: this.checkpointName, position: last },
      });
      this.current = this.applied = last;
      this.lastError = null;
      this.stored();
      return read;
    }
    // The unit wrote into the retained documents (and `ahead`) as it went.
    this.applied = last;
    this.eventsSinceFlush += read;
    const { maxDocuments, flushEveryEvents } = this.options.retain!;
    if (
      options.flush === true ||
      this.retained!.dirty >= maxDocuments ||
      (flushEveryEvents !== undefined && this.eventsSinceFlush >= flushEveryEvents)
    ) {
      await this.flush();
    } else if (this.ahead.length >= BUDGET.projectionRunner.aheadWrites) {
      await this.writeAhead();
    }
    this.lastError = null;
    return read;
  }

  /** Stores every document changed in memory and the checkpoint of the last applied event. */
  async flush(): Promise<void> {
    if (!this.retained || this.applied === this.current) return;
    try {
      const ops = [...this.ahead, ...this.retained.takeDirty().map((op) => ({ ...op, collection: this.physicalName(op.collection) }))];
      this.ahead = [];
      await this.readModels.apply({ ops, checkpoint: { projection: this.checkpointName, position: this.applied } });
    } catch (error) {
      this.forget();
      throw error;
    }
    this.current = this.applied;
    this.eventsSinceFlush = 0;
    this.retained.trim(this.options.retain!.maxDocuments);
    this.stored();
  }

  /** Stores the waiting write-only documents (no checkpoint: nothing reads them back, replays rewrite them alike). */
  private async writeAhead(): Promise<void> {
    const ops = this.ahead;
    this.ahead = [];
    await this.readModels.apply({ ops });
  }

  /** Drops what memory holds beyond the stored checkpoint. */
  private forget(): void {
    this.retained?.clear();
    this.ahead = [];
    this.applied = this.current;
    this.eventsSinceFlush = 0;
  }

  /** Projects until the checkpoint reaches the head as it was when called (or `until`). */
  async catchUp(options: { until?: number; onBatch?: (position: number, head: number) => void } = {}): Promise<number> {
    if (this.options.ensureVersion) {
      const { onRebuild, rebuildBatchSize } = this.options.ensureVersion;
      await ensureProjectionVersion(this.events, this.readModels, this.projection, {
        onRebuild,
        rebuild: {
          ...(rebuildBatchSize !== undefined ? { batchSize: rebuildBatchSize } : {}),
          ...(this.options.retain ? { retain: this.options.retain } : {}),
        },
      });
    }
    const head = options.until ?? (await this.events.headPosition());
    await this.init();
    try {
      while (this.applied < head) {
        const read = await this.runBatch({ flush: false });
        options.onBatch?.(this.applied, head);
        if (read === 0) break;
      }
    } finally {
      if (this.retained) await this.flush();
    }
    return this.current;
  }

  /** Follows the event log live until stop(). */
  async start(): Promise<void> {
    if (this.running) return;
    await this.init();
    // Another writer (a replica, a rebuild) may have moved on while this runner was stopped.
    this.current = await this.readModels.checkpoint(this.checkpointName);
    this.forget();
    this.running = true;
    const { pollHeadMs } = this.options;
    if (pollHeadMs !== undefined) this.headPoll = setInterval(() => void this.wakeIfBehind(), pollHeadMs);
    else this.subscription = this.events.subscribeToAll(() => this.wake?.(), { after: await this.events.headPosition() });
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let read = 0;
      try {
        read = await this.runBatch({ flush: true });
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
      } else if (read < this.batchSize && this.followDelayMs > 0 && this.waiters.size === 0) {
        // At the head: let the next commits gather (new events do not end this wait; readers do).
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.followDelayMs);
          this.hurry = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.hurry = undefined;
      }
    }
  }

  /** Wakes the idle live loop when the log has moved past what it applied (pollHeadMs). */
  private async wakeIfBehind(): Promise<void> {
    if (!this.wake) return;
    try {
      if ((await this.events.headPosition()) > this.applied) this.wake?.();
    } catch {
      // The next batch meets the store's failure itself (and reports it); polling goes on.
    }
  }

  /** Stops after the batch in progress has been stored. */
  async stop(): Promise<void> {
    clearInterval(this.headPoll);
    this.headPoll = undefined;
    this.running = false;
    this.hurry?.();
    this.wake?.();
    await this.subscription?.stop();
    await this.loop;
    this.loop = undefined;
    this.waiters.releaseAll();
  }

  /** Resolves true once the projection has stored `position`, false after `timeoutMs`. */
  waitForPosition(position: number, timeoutMs: number): Promise<boolean> {
    if (this.current >= position) return Promise.resolve(true);
    this.hurry?.();
    this.wake?.();
    return this.waiters.wait(position, timeoutMs);
  }

  private stored(): void {
    this.options.onStored?.(this.current);
    this.waiters.notify();
  }
}

// Rebuilds and the version check run a ProjectionRunner of their own, and the runner runs the version check before
// catching up (ensureVersion): they live beside it, so that no import goes round in a circle.

/**
 * Rebuilds a projection from zero into fresh collections, then swaps them in and moves the live
 * checkpoint to where the rebuild ended. Run it while no live runner of this projection writes
 * (the live runner re-reads the checkpoint each batch and continues from the swapped state).
 *
 * A rebuild is the only writer of its fresh collections: it retains documents and stores them when many are
 * waiting (and at the end), so a document changed by thousands of events is written a few times, not once per
 * batch; and it runs large batches (each ends with one `settle`), which hold no events in memory (they are read in
 * pages), only what the projection retains anyway. Their sizes: the budget's `projectionRunner.rebuild*`.
 */
export async function rebuildProjection(
  events: EventStore,
  readModels: ReadModelStore,
  projection: Projection,
  options: { batchSize?: number; retain?: RetainOptions; onProgress?: (progress: RebuildProgress) => void; now?: () => number } = {},
): Promise<{ position: number; events: number; seconds: number }> {
  const now = options.now ?? (() => performance.now());
  const runner = new ProjectionRunner(events, readModels, projection, {
    batchSize: options.batchSize ?? BUDGET.projectionRunner.rebuildBatchEvents,
    suffix: REBUILD_SUFFIX,
    retain: options.retain ?? { maxDocuments: BUDGET.projectionRunner.rebuildRetainedDocuments },
  });
  for (const spec of projection.collections) await readModels.dropCollection(runner.physicalName(spec.name));
  await readModels.resetCheckpoint(runner.checkpointName);
  const started = now();
  const head = await events.headPosition();
  let done = 0;
  let previous = 0;
  await runner.catchUp({
    until: head,
    onBatch: (position) => {
      done += position - previous; // positions are dense in the embedded store; an estimate elsewhere
      previous = position;
      const seconds = (now() - started) / 1000;
      const rate = seconds > 0 ? done / seconds : 0;
      options.onProgress?.({ position, head, events: done, eventsPerSecond: rate, etaSeconds: rate > 0 ? (head - position) / rate : 0 });
    },
  });
  // Anything appended while rebuilding.
  await runner.catchUp();
  for (const spec of projection.collections) await readModels.renameCollection(runner.physicalName(spec.name), spec.name);
  // What earlier versions wrote and this one does not (declared collections are never retired).
  const declared = new Set(projection.collections.map((spec) => spec.name));
  for (const name of projection.retiredCollections ?? []) if (!declared.has(name)) await readModels.dropCollection(name);
  await readModels.resetCheckpoint(projection.name);
  await readModels.apply({ ops: [], checkpoint: { projection: projection.name, position: runner.position } });
  await readModels.resetCheckpoint(runner.checkpointName);
  // The swapped-in documents are this version's.
  await readModels.resetCheckpoint(versionCheckpointName(projection));
  await readModels.apply({ ops: [], checkpoint: { projection: versionCheckpointName(projection), position: projection.version } });
  return { position: runner.position, events: done, seconds: (now() - started) / 1000 };
}

/**
 * Makes sure the stored read models were built by this version of the projection: when they were built by
 * another one (documents of another shape), rebuilds them from zero and swaps them in. Read models that do
 * not exist yet are simply stamped. Returns whether it rebuilt. Call it where the projection's single
 * writer starts (the embedded API, the projector holding its lease).
 */
export async function ensureProjectionVersion(
  events: EventStore,
  readModels: ReadModelStore,
  projection: Projection,
  options: {
    onRebuild?: (storedVersion: number) => void;
    onProgress?: (progress: RebuildProgress) => void;
    /** Memory of the rebuild (default: the rebuild CLI's, sized for a process of its own): see rebuildProjection. */
    rebuild?: { batchSize?: number; retain?: RetainOptions };
  } = {},
): Promise<boolean> {
  const marker = versionCheckpointName(projection);
  const stored = await readModels.checkpoint(marker);
  if (stored === projection.version) return false;
  // Before versions were recorded (stored 0), an existing checkpoint means documents of version 1.
  const built = stored === 0 && (await readModels.checkpoint(projection.name)) > 0 ? 1 : stored;
  if (built !== 0 && built !== projection.version) {
    options.onRebuild?.(built);
    // It stamps the version when it swaps the documents in.
    await rebuildProjection(events, readModels, projection, { ...options.rebuild, onProgress: options.onProgress });
    return true;
  }
  await readModels.resetCheckpoint(marker);
  await readModels.apply({ ops: [], checkpoint: { projection: marker, position: projection.version } });
  return false;
}
