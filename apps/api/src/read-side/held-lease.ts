import { ReadModelStore } from '@okr/read-model';

/** The lease is someone else's: the message says whose and until when. */
export class LeaseHeldElsewhereError extends Error {
  constructor(
    readonly lease: string,
    readonly holder: string | null,
    readonly expiresAt: number | null,
  ) {
    super(`lease '${lease}' held by ${holder ?? 'nobody'}${expiresAt !== null ? ` until ${new Date(expiresAt).toISOString()}` : ''}`);
    this.name = 'LeaseHeldElsewhereError';
  }
}

/**
 * A lease held for the duration of one job (the rebuild CLI keeps projectors out with it): acquired once,
 * renewed every third of its TTL, released at the end. `lost` turns true if a renewal is refused (the job
 * stalled past the TTL and another owner took the lease).
 */
export class HeldLease {
  private timer?: NodeJS.Timeout;
  private held = false;
  lost = false;

  constructor(
    private readonly store: ReadModelStore,
    readonly name: string,
    readonly owner: string,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes the lease, or throws LeaseHeldElsewhereError when another owner holds it. */
  async acquire(): Promise<void> {
    const state = await this.store.acquireLease({ name: this.name, owner: this.owner, ttlMs: this.ttlMs, now: this.now() });
    if (!state.acquired) throw new LeaseHeldElsewhereError(this.name, state.holder, state.expiresAt);
    this.held = true;
    this.timer = setInterval(() => void this.renew(), Math.max(100, Math.floor(this.ttlMs / 3)));
    this.timer.unref();
  }

  private async renew(): Promise<void> {
    if (!this.held) return;
    try {
      const state = await this.store.acquireLease({ name: this.name, owner: this.owner, ttlMs: this.ttlMs, now: this.now() });
      if (!state.acquired) this.lost = true;
    } catch {
      // Retried at the next tick; the lease lasts its TTL meanwhile.
    }
  }

  /** Stops renewing and gives the lease up (so a projector takes over at once). Idempotent. */
  async release(): Promise<void> {
    clearInterval(this.timer);
    if (!this.held) return;
    this.held = false;
    await this.store.releaseLease(this.name, this.owner).catch(() => undefined);
  }
}
