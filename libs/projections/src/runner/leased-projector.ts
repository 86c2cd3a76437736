import { LeaseState, ReadModelStore } from '@okr/read-model';
import type { ProjectionRunner, ProjectionStatus } from './projection-runner';

export interface LeasedProjectorOptions {
  /** Unique per replica (e.g. hostname + pid + random). */
  owner: string;
  /** The lease's name in the read store (collection-name rules). Default 'projector'. */
  leaseName?: string;
  /** How long a granted or renewed lease lasts. Default 10_000 ms. */
  ttlMs?: number;
  /** How often the lease is renewed (or, in standby, tried). Default ttlMs / 3; must be below ttlMs. */
  renewEveryMs?: number;
  /** The clock the lease times come from (epoch ms). Default Date.now. */
  now?: () => number;
  /** Called when this replica becomes active or goes to standby, with the lease's holder as last seen. */
  onStateChange?: (state: 'active' | 'standby', detail: { holder: string | null; expiresAt: number | null }) => void;
  /** Called with errors of the lease calls and of starting or stopping the runners (the replica carries on). */
  onError?: (error: unknown) => void;
}

/** Thrown from a catch-up's onBatch to end it at a batch boundary once the lease is gone. */
class CatchUpAborted extends Error {}

/**
 * Runs projections in one of several replicas, of which a lease in the read store keeps exactly one active.
 *
 * Every `renewEveryMs` the replica asks for the lease: the active one renews it, the others try to acquire it,
 * which succeeds once the holder released it or let it expire (it died or stalled for longer than `ttlMs`).
 * While it holds the lease the replica runs its runners — init, catch-up, then live — and the moment a renewal
 * fails or names another holder it stops them (standby): a short overlap of two writers is harmless, since
 * every write is guarded by version and checkpoints never move backwards, but no replica keeps projecting
 * knowing it lost the lease. A catch-up in progress ends at the next batch boundary; stopping a runner lets
 * the batch in flight finish and store its checkpoint.
 *
 * Renewals run on their own timer, never behind a batch; if one hangs past the lease's expiry, the replica
 * goes to standby without waiting for it. Starting and stopping the runners are queued, so they never overlap.
 */
export class LeasedProjector {
  private readonly owner: string;
  private readonly leaseName: string;
  private readonly ttlMs: number;
  private readonly renewEveryMs: number;
  private readonly now: () => number;

  private started = false;
  private stopping?: Promise<void>;
  private timer?: ReturnType<typeof setInterval>;
  /** The lease call in flight, if any. */
  private ticking?: Promise<void>;
  private isActive = false;
  /** When this replica's own lease expires, while it holds it. */
  private ownExpiresAt: number | null = null;
  private holder: string | null = null;
  private expiresAt: number | null = null;
  private reportedState?: 'active' | 'standby';
  /** Bumped on every activation and deactivation: work started for an older one stops at the next chance. */
  private generation = 0;
  /** Starting and stopping of the runners, one after the other. */
  private work: Promise<void> = Promise.resolve();
  private pendingWork = 0;

  constructor(
    private readonly readModels: ReadModelStore,
    private readonly runners: readonly ProjectionRunner[],
    private readonly options: LeasedProjectorOptions,
  ) {
    if (options === null || typeof options !== 'object') throw new TypeError('LeasedProjector needs options with an owner');
    if (typeof options.owner !== 'string' || options.owner.length === 0)
      throw new TypeError('LeasedProjector: owner must be a non-empty string');
    if (options.leaseName !== undefined && (typeof options.leaseName !== 'string' || options.leaseName.length === 0)) {
      throw new TypeError('LeasedProjector: leaseName must be a non-empty string');
    }
    const ttlMs = options.ttlMs ?? 10_000;
    if (typeof ttlMs !== 'number' || !Number.isFinite(ttlMs) || ttlMs <= 0)
      throw new RangeError(`LeasedProjector: ttlMs must be a finite number > 0, got ${String(ttlMs)}`);
    const renewEveryMs = options.renewEveryMs ?? ttlMs / 3;
    if (typeof renewEveryMs !== 'number' || !Number.isFinite(renewEveryMs) || renewEveryMs <= 0 || renewEveryMs >= ttlMs) {
      throw new RangeError(`LeasedProjector: renewEveryMs must be > 0 and below ttlMs (${ttlMs}), got ${String(renewEveryMs)}`);
    }
    if (options.now !== undefined && typeof options.now !== 'function') throw new TypeError('LeasedProjector: now must be a function');
    const isRunner = (runner: unknown) =>
      ['catchUp', 'start', 'stop', 'status'].every((method) => typeof (runner as Record<string, unknown>)?.[method] === 'function');
    if (!Array.isArray(runners) || !runners.every(isRunner)) {
      throw new TypeError('LeasedProjector: runners must be an array of ProjectionRunner');
    }
    this.owner = options.owner;
    this.leaseName = options.leaseName ?? 'projector';
    this.ttlMs = ttlMs;
    this.renewEveryMs = renewEveryMs;
    this.now = options.now ?? Date.now;
  }

  /** True while this replica holds the lease (its runners are then starting, catching up or live). */
  get active(): boolean {
    return this.isActive;
  }

  status(): { owner: string; active: boolean; holder: string | null; expiresAt: number | null; runners: ProjectionStatus[] } {
    return {
      owner: this.owner,
      active: this.isActive,
      holder: this.holder,
      expiresAt: this.expiresAt,
      runners: this.runners.map((runner) => runner.status()),
    };
  }

  /**
   * Starts trying to acquire the lease; while held, runs the runners (init, catchUp, start live); while not,
   * keeps them stopped and retries every renewEveryMs. Resolves after the first attempt (not after the
   * catch-up); rejects when that attempt finds the request itself invalid (a bad lease name).
   */
  async start(): Promise<void> {
    if (this.stopping) throw new Error('LeasedProjector was stopped; create a new one to start again');
    if (this.started) return;
    this.started = true;
    const first = this.attempt();
    this.timer = setInterval(() => this.onTimer(), this.renewEveryMs);
    const invalid = await first;
    if (invalid) {
      await this.stop();
      throw invalid;
    }
  }

  /** Graceful: stops the runners (they finish the batch in flight and store its checkpoint), then releases the lease. */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
    if (!this.started) return;
    const wasActive = this.isActive;
    await this.deactivate(false);
    try {
      await this.readModels.releaseLease(this.leaseName, this.owner);
      if (this.holder === this.owner) {
        this.holder = null;
        this.expiresAt = null;
      }
    } catch (error) {
      this.report(error);
    }
    if (wasActive) this.emit('standby');
  }

  private onTimer(): void {
    if (this.stopping) return;
    if (this.ticking) {
      // The previous lease call hangs: once our lease has run out, another replica may have it.
      if (this.isActive && this.ownExpiresAt !== null && this.now() >= this.ownExpiresAt) void this.deactivate(true);
      return;
    }
    void this.attempt();
  }

  /** One lease call and what follows from it. Resolves with the error when the request itself was invalid. */
  private attempt(): Promise<Error | undefined> {
    const attempt = this.renewOrAcquire().catch((error: unknown) => {
      // Only a throwing clock gets here (lease errors are handled inside).
      this.report(error);
      return undefined;
    });
    const ticking = attempt.then(() => undefined);
    this.ticking = ticking;
    void ticking.then(() => {
      if (this.ticking === ticking) this.ticking = undefined;
    });
    return attempt;
  }

  private async renewOrAcquire(): Promise<Error | undefined> {
    let state: LeaseState;
    try {
      state = await this.readModels.acquireLease({ name: this.leaseName, owner: this.owner, ttlMs: this.ttlMs, now: this.now() });
    } catch (error) {
      this.report(error);
      // Not knowing whether we still hold the lease, do not keep projecting.
      if (this.isActive) await this.deactivate(true);
      else if (this.reportedState === undefined) this.emit('standby');
      return error instanceof TypeError || error instanceof RangeError ? error : undefined;
    }
    if (this.stopping) return undefined;
    this.holder = state.holder;
    this.expiresAt = state.expiresAt;
    // A grant that arrives after it expired (the call hung for longer than the TTL) may already be someone else's.
    if (state.acquired && state.expiresAt !== null && this.now() < state.expiresAt) {
      this.ownExpiresAt = state.expiresAt;
      if (!this.isActive) this.activate();
      else this.restartStoppedRunners();
    } else {
      this.ownExpiresAt = null;
      if (this.isActive) await this.deactivate(true);
      else if (this.reportedState === undefined) this.emit('standby');
    }
    return undefined;
  }

  private activate(): void {
    const generation = ++this.generation;
    this.isActive = true;
    this.emit('active');
    this.enqueue(() => Promise.all(this.runners.map((runner) => this.runRunner(runner, generation))).then(() => undefined));
  }

  /** Catches the runner up (abandoned at a batch boundary if the lease goes meanwhile), then follows live. */
  private async runRunner(runner: ProjectionRunner, generation: number): Promise<void> {
    const current = () => generation === this.generation;
    try {
      await runner.catchUp({
        onBatch: () => {
          if (!current()) throw new CatchUpAborted();
        },
      });
    } catch (error) {
      if (error instanceof CatchUpAborted) return;
      // The live loop below retries from the stored checkpoint, with backoff.
      this.report(error);
    }
    if (!current()) return;
    try {
      await runner.start();
    } catch (error) {
      // Retried after the next renewal (restartStoppedRunners).
      this.report(error);
    }
  }

  /** After a renewal: starts again any runner that could not be started (its store was unavailable). */
  private restartStoppedRunners(): void {
    if (this.pendingWork > 0) return;
    const stopped = this.runners.filter((runner) => !runner.status().running);
    if (stopped.length === 0) return;
    const generation = this.generation;
    this.enqueue(async () => {
      for (const runner of stopped) {
        if (generation !== this.generation) return;
        try {
          await runner.start();
        } catch (error) {
          this.report(error);
        }
      }
    });
  }

  /** Stops the runners (after any start in progress, which is cut short at its next batch boundary). */
  private deactivate(announce: boolean): Promise<void> {
    this.generation++;
    const wasActive = this.isActive;
    this.isActive = false;
    this.ownExpiresAt = null;
    if (announce && wasActive) this.emit('standby');
    return this.enqueue(async () => {
      const results = await Promise.allSettled(this.runners.map((runner) => runner.stop()));
      for (const result of results) if (result.status === 'rejected') this.report(result.reason);
    });
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.pendingWork++;
    this.work = this.work
      .then(task)
      .catch((error: unknown) => this.report(error))
      .finally(() => this.pendingWork--);
    return this.work;
  }

  private emit(state: 'active' | 'standby'): void {
    this.reportedState = state;
    try {
      this.options.onStateChange?.(state, { holder: this.holder, expiresAt: this.expiresAt });
    } catch (error) {
      this.report(error);
    }
  }

  private report(error: unknown): void {
    try {
      this.options.onError?.(error);
    } catch {
      // A failing error handler must not stop the lease loop.
    }
  }
}
