/**
 * Callers waiting for a projection to have stored a position (read-your-writes), each with a timeout. The owner
 * says where it stands (`current`) and calls `notify()` whenever that moves.
 */
export class PositionWaiters {
  private waiters: { position: number; resolve: (reached: boolean) => void }[] = [];

  constructor(private readonly current: () => number) {}

  /** How many callers are waiting. */
  get size(): number {
    return this.waiters.length;
  }

  /** Resolves true once the position is reached (at once if it is), false after `timeoutMs`. */
  wait(position: number, timeoutMs: number): Promise<boolean> {
    if (this.current() >= position) return Promise.resolve(true);
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
        resolve(this.current() >= position);
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Settles the waiters whose position is now reached. */
  notify(): void {
    if (this.waiters.length === 0) return;
    const current = this.current();
    const reached = this.waiters.filter((w) => current >= w.position);
    this.waiters = this.waiters.filter((w) => current < w.position);
    for (const waiter of reached) waiter.resolve(true);
  }

  /** Settles every waiter now, with whether its position is reached (the owner stops). */
  releaseAll(): void {
    const current = this.current();
    for (const waiter of this.waiters) waiter.resolve(current >= waiter.position);
    this.waiters = [];
  }
}
