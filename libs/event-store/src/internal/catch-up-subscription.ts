import { EventHandler, StoredEvent, Subscription } from '../event-store.port';
import { caughtUpSignal } from './caught-up-signal';

export interface CatchUpSubscriptionOptions {
  /** Deliver events with position strictly greater than this. */
  after: number;
  /** How many events to read per page. A page shorter than this means "nothing more for now". */
  pageSize: number;
  /**
   * When set, re-read every this many milliseconds while idle, to see appends made by other processes.
   * When undefined, the subscription only wakes up through notify().
   */
  pollIntervalMs?: number;
  onError?: (error: unknown) => void;
  /** Called once when the subscription has stopped, for whatever reason (the owner forgets it). */
  onStopped?: (subscription: CatchUpSubscription) => void;
}

/** Reads the events with position > after, in position order, at most maxCount of them. */
export type ReadPage = (after: number, maxCount: number) => StoredEvent[] | Promise<StoredEvent[]>;

/**
 * A catch-up subscription driven by a single loop, shared by the adapters:
 *
 *   read a page after the last delivered position → hand its events to the handler one at a time
 *   (awaiting each) → when a page comes back short, the subscription is caught up → sleep until
 *   notify() (an append in this process) or the poll timer (an append elsewhere) → read again.
 *
 * Because each read starts strictly after the last delivered position, an event is never delivered
 * twice, and because positions become visible in order, none is skipped.
 *
 * The handler is never called synchronously from subscribeToAll(). Do not `await stop()` from inside the
 * handler: stop() waits for the handler to return, so that would never resolve (calling it without
 * awaiting is fine). While running, the subscription keeps the Node process alive (like a socket would);
 * stop it, or close the store.
 */
export class CatchUpSubscription implements Subscription {
  readonly caughtUp: Promise<void>;
  private readonly resolveCaughtUp: () => void;
  private readonly rejectCaughtUp: (error: unknown) => void;
  private isCaughtUp = false;
  private position: number;
  private stopped = false;
  private wakeRequested = false;
  private wakeWaiter: (() => void) | undefined;
  private readonly loop: Promise<void>;

  constructor(
    private readonly handler: EventHandler,
    private readonly readPage: ReadPage,
    private readonly options: CatchUpSubscriptionOptions,
  ) {
    this.position = options.after;
    const signal = caughtUpSignal();
    this.caughtUp = signal.promise;
    this.resolveCaughtUp = signal.resolve;
    this.rejectCaughtUp = signal.reject;
    this.loop = this.run();
  }

  /** Signals that new events may be available; cheap, may be called for every append. */
  notify(): void {
    this.wakeRequested = true;
    const waiter = this.wakeWaiter;
    this.wakeWaiter = undefined;
    waiter?.();
  }

  stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      this.notify();
    }
    return this.loop;
  }

  private async run(): Promise<void> {
    // Let subscribeToAll() return before the first handler call.
    await Promise.resolve();
    try {
      while (!this.stopped) {
        this.wakeRequested = false;
        const page = await this.readPage(this.position, this.options.pageSize);
        for (const event of page) {
          if (this.stopped) return;
          const pending = this.handler(event);
          if (pending !== undefined && typeof (pending as Promise<void>).then === 'function') await pending;
          this.position = event.position;
        }
        if (page.length < this.options.pageSize) {
          if (!this.isCaughtUp) {
            this.isCaughtUp = true;
            this.resolveCaughtUp();
          }
          await this.waitForWake();
        } else {
          // A long catch-up with a synchronous handler must not starve timers and I/O.
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      }
    } catch (error) {
      this.stopped = true;
      if (!this.isCaughtUp) this.rejectCaughtUp(error);
      this.report(error);
    } finally {
      this.stopped = true;
      // Stopped before catching up: nothing more will be delivered, so waiting callers are released.
      this.resolveCaughtUp();
      this.options.onStopped?.(this);
    }
  }

  private waitForWake(): Promise<void> {
    if (this.wakeRequested || this.stopped) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const { pollIntervalMs } = this.options;
      const timer = pollIntervalMs === undefined ? undefined : setTimeout(() => this.notify(), pollIntervalMs);
      this.wakeWaiter = () => {
        if (timer !== undefined) clearTimeout(timer);
        resolve();
      };
    });
  }

  private report(error: unknown): void {
    const { onError } = this.options;
    if (!onError) {
      console.error('Event store subscription stopped: handler or read failed, and no onError was given', error);
      return;
    }
    try {
      onError(error);
    } catch (reportingError) {
      console.error('Event store subscription: onError threw', reportingError);
    }
  }
}
