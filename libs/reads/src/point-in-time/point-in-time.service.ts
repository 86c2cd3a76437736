import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, Optional, ServiceUnavailableException } from '@nestjs/common';
import { EventStore } from '@okr/event-store';
import { SqliteSnapshotStore } from '@okr/projections';
import { InvalidRequestException, CLOCK, Clock, EVENT_STORE, ReadModels } from '@okr/platform';
import { AlignmentAnswer } from '../views/alignment-tree';
import { CycleDiffBody } from '../views/cycle-diff';
import { PointInTimeEngine, unreadableSnapshotMessage } from './point-in-time-engine';
import { POINT_IN_TIME_OPTIONS, PointInTimeOptions } from './point-in-time-options';
import { PointInTimeWorkerClient } from './point-in-time-worker-client';
import { heapFigures, replayFits, snapshotsToKeep } from './replay-memory';

/** How long after start-up the worker starts building snapshots (the projections' catch-up goes first). */
const WORKER_START_DELAY_MS = 5_000;

/**
 * Point-in-time answers (`?asOf=T`): the okr projection is replayed over the events recorded up to T into plain
 * in-memory documents, and the very query code of the live endpoints runs over them with T as "now" — so an
 * asOf answer equals what the live endpoint answered at T, by construction. Replays start from checkpointed
 * snapshots (persisted when configured). With the embedded event store, the objective and alignment answers and the
 * cycle diff are computed in a worker thread with its own heap (PointInTimeWorkerClient);
 * `readModelsAt` (the CLI) replays in this process. See docs/decisions/0013-point-in-time.md.
 */
@Injectable()
export class PointInTimeQueries implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('PointInTime');
  private engine?: PointInTimeEngine;
  private snapshotFile?: SqliteSnapshotStore;
  private readonly worker?: PointInTimeWorkerClient;
  private startTimer?: NodeJS.Timeout;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly live: ReadModels,
    @Optional() @Inject(POINT_IN_TIME_OPTIONS) private readonly options: PointInTimeOptions | null = null,
  ) {
    const worker = options?.worker;
    if (worker) {
      this.worker = new PointInTimeWorkerClient(
        {
          eventStoreFile: worker.eventStoreFile,
          snapshotFile: options?.snapshotFile,
          snapshotEvery: options?.snapshotEvery,
          buildAhead: worker.buildAhead ?? true,
        },
        worker.heapMb,
      );
    }
  }

  /** With buildAhead, the worker starts soon after start-up and builds the snapshots up to the head while idle. */
  onApplicationBootstrap(): void {
    if (!this.worker || this.options?.worker?.buildAhead === false) return;
    this.startTimer = setTimeout(() => this.worker?.start(), WORKER_START_DELAY_MS);
    this.startTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearTimeout(this.startTimer);
    await this.worker?.close();
    this.snapshotFile?.close();
  }

  /** GET /api/objectives/:id?asOf=T */
  async objective(tenantId: string, objectiveId: string, asOf: string) {
    const instant = this.instantOf(asOf);
    if (this.worker) return this.worker.objective(tenantId, objectiveId, instant);
    return (await this.inProcess()).objective(tenantId, objectiveId, instant);
  }

  /** GET /api/cycles/:id/alignment?asOf=T */
  async alignment(tenantId: string, cycleId: string, asOf: string, gzip: boolean): Promise<AlignmentAnswer> {
    const instant = this.instantOf(asOf);
    if (this.worker) return this.worker.alignment(tenantId, cycleId, instant, gzip);
    return (await this.inProcess()).alignment(tenantId, cycleId, instant, gzip);
  }

  /**
   * GET /cycles/:id/diff?from&to: the cycle replayed at both instants (validated like `asOf`, naming their field)
   * and what changed (see PointInTimeEngine.cycleDiff); in the replaying worker when there is one.
   */
  async cycleDiff(tenantId: string, cycleId: string, from: string, to: string): Promise<{ from: number; to: number; body: CycleDiffBody }> {
    const fromInstant = this.instantOf(from, 'from');
    const toInstant = this.instantOf(to, 'to');
    const body = this.worker
      ? await this.worker.cycleDiff(tenantId, cycleId, fromInstant, toInstant)
      : await (await this.inProcess()).cycleDiff(tenantId, cycleId, fromInstant, toInstant);
    return { from: fromInstant, to: toInstant, body };
  }

  /** The read models as recorded up to `asOf` (validated like `asOf`), and the instant. Replayed in this process. */
  async readModelsAt(asOf: string, field = 'asOf'): Promise<{ instant: number; models: ReadModels }> {
    const instant = this.instantOf(asOf, field);
    return { instant, models: (await (await this.inProcess()).modelsAt(instant)).models };
  }

  /** The instant of a validated `asOf` (ISO-8601 with a timezone); the future is refused (nothing is known of it yet). */
  private instantOf(asOf: string, field = 'asOf'): number {
    const instant = Date.parse(asOf);
    if (Number.isNaN(instant))
      throw new InvalidRequestException([
        { field, message: `${field} must be an ISO-8601 timestamp with a timezone, e.g. 2026-03-01T09:30:00Z` },
      ]);
    if (instant > this.clock.now().getTime()) throw new InvalidRequestException([{ field, message: `${field} must not be in the future` }]);
    return instant;
  }

  /** Documents a replay holds: those of the mutable collections, as the live read models count them now. */
  private async documentCount(): Promise<number> {
    const collections = await Promise.all([
      this.live.objectives(),
      this.live.keyResults(),
      this.live.initiatives(),
      this.live.teams(),
      this.live.users(),
      this.live.cycles(),
    ]);
    const counts = await Promise.all(collections.map((collection) => collection.count()));
    return counts.reduce((a, b) => a + b, 0);
  }

  /**
   * The in-process engine, after making sure this heap can hold a replay: refuses (503, never an out-of-memory
   * crash) one it cannot, after dropping cached states; sizes the in-memory snapshots to the heap on first use.
   */
  private async inProcess(): Promise<PointInTimeEngine> {
    const documents = await this.documentCount();
    this.engine ??= new PointInTimeEngine(this.events, {
      keepSnapshots: snapshotsToKeep(documents, heapFigures()),
      snapshotStore: this.openSnapshotFile(),
      snapshotEvery: this.options?.snapshotEvery,
      onUnreadableSnapshot: (position, error) => this.logger.warn(unreadableSnapshotMessage(position, error)),
    });
    if (replayFits(documents, heapFigures()).fits) return this.engine;
    this.engine.dropCachedStates();
    const { fits, neededBytes } = replayFits(documents, heapFigures());
    if (fits) return this.engine;
    const limitMb = Math.round(heapFigures().limit / 1e6);
    throw new ServiceUnavailableException(
      `A point-in-time view of these ${documents.toLocaleString('en')} documents needs about ${Math.round(neededBytes / 1e6)} MB of heap; this process has ${limitMb} MB (raise --max-old-space-size, package.json config.apiNodeOptions)`,
    );
  }

  /** The persisted snapshots, when configured and the file opens (otherwise memory only, with a warning). */
  private openSnapshotFile(): SqliteSnapshotStore | undefined {
    const file = this.options?.snapshotFile;
    if (!file || this.snapshotFile) return this.snapshotFile;
    try {
      this.snapshotFile = new SqliteSnapshotStore(file);
    } catch (error) {
      this.logger.warn(
        `Point-in-time snapshots stay in memory: ${file} cannot be opened (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    return this.snapshotFile;
  }
}
