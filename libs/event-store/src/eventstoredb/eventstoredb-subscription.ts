import type { AllStreamResolvedEvent, AllStreamSubscription, ReadPosition } from '@eventstore/db-client';
import { EventHandler, StoredEvent, Subscription } from '../event-store.port';
import { isTransientError } from './error-translation';
import { readPositionAfter } from './position-mapping';
import { caughtUpSignal } from '../internal/caught-up-signal';

/** What a subscription needs from the store. */
export interface SubscriptionSource {
  /** Opens a server-side filtered catch-up subscription to `$all` that delivers the events after `from`. */
  open(from: ReadPosition): AllStreamSubscription;
  /** The port position of this application's last event now (START_POSITION when none). */
  headPosition(): Promise<number>;
  /** The port's event for a delivered one; undefined for events that are not this application's. Throws for events it cannot decode. */
  decode(resolved: AllStreamResolvedEvent): StoredEvent | undefined;
  /** A valid position of `$all` at or before the event positioned `after` (for an `after` that is not itself an event's position). */
  resolveStart(after: number): Promise<ReadPosition>;
}

export interface ReconnectBackoff {
  /** First wait after the connection dropped. */
  initialDelayMs: number;
  /** The wait doubles after each failed attempt, up to this. */
  maxDelayMs: number;
}

export interface EventStoreDbSubscriptionOptions {
  /** Deliver events with position strictly greater than this. */
  after: number;
  onError?: (error: unknown) => void;
  /** Called once when the subscription has stopped, for whatever reason. */
  onStopped?: (subscription: EventStoreDbSubscription) => void;
  backoff: ReconnectBackoff;
}

/** An error of the handler or of decoding: the subscription stops and reports it (never retried). */
class FatalError {
  constructor(readonly error: unknown) {}
}

type Outcome = { kind: 'dropped'; error?: unknown } | { kind: 'invalid-start'; error: unknown } | { kind: 'stopped' };

/**
 * A catch-up subscription to this application's events in `$all`, on a server-side filtered EventStoreDB
 * subscription (the server reads the stored events after the start position, then switches to live).
 *
 * - One event at a time: the next is taken from the stream only after the handler's promise settled.
 * - Each event once: it resumes strictly after the last delivered position, and drops anything at or
 *   before it (the seam of a resubscription).
 * - caughtUp: resolves once every event that existed at the start has been handled: the event positioned
 *   at the head found at the start (or a later one) was delivered, or the server said it caught up
 *   (servers >= 23.10) and everything received before that was handled.
 * - Connection drops (server restart, network): the subscription resubscribes from the last delivered
 *   position, waiting backoff.initialDelayMs, doubling up to backoff.maxDelayMs between attempts, for as
 *   long as it is not stopped. Handler errors, undecodable events and errors that retrying cannot fix
 *   (access denied…) stop it and go to onError.
 * - stop() waits for the handler call in progress; nothing is delivered after it resolves.
 */
export class EventStoreDbSubscription implements Subscription {
  readonly caughtUp: Promise<void>;
  private readonly resolveCaughtUp: () => void;
  private readonly rejectCaughtUp: (error: unknown) => void;
  private isCaughtUp = false;
  private position: number;
  private head: number | undefined;
  /** A valid start position found for an `after` that is not an event's position. */
  private startPosition: ReadPosition | undefined;
  /** True once `position` is the position of a delivered event (so certainly a valid start). */
  private positionIsAnEvent = false;
  private stopped = false;
  private signalStopped!: () => void;
  /** Resolves when stop() is called: waits on the server (which may never answer) give way to it. */
  private readonly stopSignal = new Promise<void>((resolve) => (this.signalStopped = resolve));
  private current: AllStreamSubscription | undefined;
  private wakeSleeper: (() => void) | undefined;
  private readonly closedSubscriptions = new WeakSet<AllStreamSubscription>();
  private readonly loop: Promise<void>;
  /** Number of times a server subscription was opened (1 + reconnections); for tests and diagnostics. */
  connections = 0;

  constructor(
    private readonly handler: EventHandler,
    private readonly source: SubscriptionSource,
    private readonly options: EventStoreDbSubscriptionOptions,
  ) {
    this.position = options.after;
    const signal = caughtUpSignal();
    this.caughtUp = signal.promise;
    this.resolveCaughtUp = signal.resolve;
    this.rejectCaughtUp = signal.reject;
    this.loop = this.run();
  }

  stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      this.signalStopped();
      this.wakeSleeper?.();
      this.close(this.current);
    }
    return this.loop;
  }

  private async run(): Promise<void> {
    // Let subscribeToAll() return before anything else (the handler is never called before it returns).
    await Promise.resolve();
    try {
      const head = await this.retryWhileTransient(() => this.source.headPosition());
      if (head === undefined) return;
      this.head = head;
      if (head <= this.position) this.markCaughtUp();

      let delay = this.options.backoff.initialDelayMs;
      while (!this.stopped) {
        const from = this.startPosition ?? readPositionAfter(this.position);
        const before = this.position;
        const outcome = await this.consume(from);
        if (outcome.kind === 'stopped' || this.stopped) return;
        if (outcome.kind === 'invalid-start') {
          // `after` may not be the position of an event (reads must start at one): find the closest one before it.
          const after = this.position;
          const start = await this.retryWhileTransient(() => this.source.resolveStart(after));
          if (start === undefined) return;
          this.startPosition = start;
          continue;
        }
        if (this.position !== before) delay = this.options.backoff.initialDelayMs;
        await this.sleep(delay);
        delay = Math.min(delay * 2, this.options.backoff.maxDelayMs);
      }
    } catch (caught) {
      const error = caught instanceof FatalError ? caught.error : caught;
      this.stopped = true;
      if (!this.isCaughtUp) this.rejectCaughtUp(error);
      this.report(error);
    } finally {
      this.stopped = true;
      this.close(this.current);
      // Stopped before catching up: nothing more will be delivered, so waiting callers are released.
      this.resolveCaughtUp();
      this.options.onStopped?.(this);
    }
  }

  /** Reads one server subscription until it ends, fails or the subscription is stopped. Throws fatal errors. */
  private async consume(from: ReadPosition): Promise<Outcome> {
    const subscription = this.source.open(from);
    this.current = subscription;
    this.connections += 1;
    let serverCaughtUp = false;
    let handling = false;
    let lastSeen = -1;
    const checkServerCaughtUp = () => {
      if (serverCaughtUp && !handling && subscription.readableLength === 0) this.markCaughtUp();
    };
    subscription.on('caughtUp', () => {
      serverCaughtUp = true;
      checkServerCaughtUp();
    });
    try {
      for await (const resolved of subscription as AsyncIterable<AllStreamResolvedEvent>) {
        if (this.stopped) return { kind: 'stopped' };
        let event: StoredEvent | undefined;
        try {
          event = this.source.decode(resolved);
        } catch (error) {
          throw new FatalError(error);
        }
        if (event === undefined) continue;
        if (event.position <= lastSeen) {
          throw new FatalError(
            new Error(
              `EventStoreDB delivered position ${event.position} after ${lastSeen}: events of this application's streams ` +
                `are out of order in $all (were some written in an explicit transaction?)`,
            ),
          );
        }
        lastSeen = event.position;
        if (event.position <= this.position) continue;
        handling = true;
        try {
          const pending = this.handler(event);
          if (pending !== undefined && typeof (pending as Promise<void>).then === 'function') await pending;
        } catch (error) {
          throw new FatalError(error);
        } finally {
          handling = false;
        }
        this.position = event.position;
        this.positionIsAnEvent = true;
        this.startPosition = undefined;
        if (this.head !== undefined && event.position >= this.head) this.markCaughtUp();
        checkServerCaughtUp();
        if (this.stopped) return { kind: 'stopped' };
      }
      return { kind: 'dropped' };
    } catch (error) {
      if (error instanceof FatalError) throw error;
      if (this.stopped) return { kind: 'stopped' };
      if (isTransientError(error)) return { kind: 'dropped', error };
      // Any other failure from a position not known to be an event's: the position may be invalid (not at a
      // record of the log). Try once from a valid one.
      if (!this.positionIsAnEvent && this.startPosition === undefined && this.position > 0) return { kind: 'invalid-start', error };
      throw error;
    } finally {
      if (this.current === subscription) this.current = undefined;
      this.close(subscription);
    }
  }

  /** Runs `operation`, retrying transient failures with backoff; undefined when stopped meanwhile (without waiting for it). */
  private async retryWhileTransient<T>(operation: () => Promise<T>): Promise<T | undefined> {
    let delay = this.options.backoff.initialDelayMs;
    for (;;) {
      if (this.stopped) return undefined;
      try {
        const attempt = operation();
        attempt.catch(() => undefined);
        const outcome = await Promise.race([attempt.then((value) => ({ value })), this.stopSignal.then(() => undefined)]);
        return outcome?.value;
      } catch (error) {
        if (!isTransientError(error)) throw error;
      }
      await this.sleep(delay);
      delay = Math.min(delay * 2, this.options.backoff.maxDelayMs);
    }
  }

  private markCaughtUp(): void {
    if (this.isCaughtUp) return;
    this.isCaughtUp = true;
    this.resolveCaughtUp();
  }

  /** Waits `ms`, or less when stop() is called. */
  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeSleeper = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeSleeper = done;
    });
  }

  /** Ends a server subscription: cancels the gRPC call (once) and ends our iteration of it. */
  private close(subscription: AllStreamSubscription | undefined): void {
    if (!subscription || this.closedSubscriptions.has(subscription)) return;
    this.closedSubscriptions.add(subscription);
    subscription.unsubscribe().catch(() => undefined);
    if (!subscription.destroyed) subscription.destroy();
  }

  private report(error: unknown): void {
    const { onError } = this.options;
    if (!onError) {
      console.error('EventStoreDB subscription stopped: handler, decoding or reading failed, and no onError was given', error);
      return;
    }
    try {
      onError(error);
    } catch (reportingError) {
      console.error('EventStoreDB subscription: onError threw', reportingError);
    }
  }
}
