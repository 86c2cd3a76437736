import { InvalidInputError, NotFoundError, RuleViolationError } from '@okr/domain/common/errors';
import { ResourceLimits, Worker } from 'node:worker_threads';
import { startWorker } from './start-worker';

/** A worker's requests, as the functions it serves: `kind(input): reply` (see serve()). */
export type Requests<R> = { [K in keyof R]: (input: never) => unknown };
export type InputOf<F> = F extends (...args: infer A) => unknown ? A : never;
export type ReplyOf<F> = F extends (...args: never[]) => infer T ? Awaited<T> : never;

/** An error as it crosses threads: rebuilt on the host with its class (when known there) and its own fields. */
export type CrossingError = { className: string; name: string; message: string; stack?: string; fields: Record<string, unknown> };
export type HostMessage<ToWorker> = { id: number; kind: string; input: unknown } | { notice: ToWorker } | { close: true };
export type WorkerMessage<FromWorker> = { id: number; value: unknown } | { id: number; error: CrossingError } | { notice: FromWorker };

/** The requests in flight when a worker died (or was closed): the HTTP edge answers 503. */
export class WorkerUnavailableError extends Error {
  override readonly name = 'WorkerUnavailableError';
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any constructor: instances are rebuilt from their prototype
type ErrorClass = abstract new (...args: any[]) => Error;
const DOMAIN_ERRORS: ErrorClass[] = [InvalidInputError, NotFoundError, RuleViolationError];

export interface WorkerChannelOptions<FromWorker> {
  /** The caller's __dirname and the worker's entry beside it, without extension ('projection.worker'). */
  dir: string;
  entry: string;
  /** In messages: 'The <name> stopped (…)'. */
  name: string;
  workerData?: object;
  resourceLimits?: ResourceLimits;
  /** Error classes the worker's errors are rebuilt as, besides the domain's (InvalidInputError, NotFoundError, RuleViolationError). */
  errors?: ErrorClass[];
  onNotice?: (notice: FromWorker) => void;
  /** The worker died (not closed): its requests in flight were rejected with `error`. */
  onExit?: (error: WorkerUnavailableError) => void;
  /** Start a fresh worker this long after one died (a long-running worker); otherwise the next request starts one. */
  restartAfterMs?: number;
  /** How long close() waits for the worker's own onClose before terminating it (default 10 s). */
  closeTimeoutMs?: number;
}

type Running = { worker: Worker; pending: Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }> };

/**
 * The host's side of a worker thread (the worker's side: serve()): started on first use (or start()), asked by
 * request id, told and telling one-way notices. A worker that dies answers its requests in flight with a
 * WorkerUnavailableError and is replaced (on the next request, or after restartAfterMs). The thread never keeps
 * the process alive on its own, except while requests are in flight or close() waits for it.
 */
export class WorkerChannel<R extends Requests<R>, FromWorker = never, ToWorker = never> {
  private running?: Running;
  private nextId = 1;
  private restartTimer?: NodeJS.Timeout;
  /** The end of the last close(): a second close() waits for it too. */
  private closed?: Promise<unknown>;
  private readonly errors: Map<string, ErrorClass>;

  constructor(private readonly options: WorkerChannelOptions<FromWorker>) {
    this.errors = new Map([...DOMAIN_ERRORS, ...(options.errors ?? [])].map((errorClass) => [errorClass.name, errorClass]));
  }

  /** The current worker thread, if one runs. */
  get thread(): Worker | undefined {
    return this.running?.worker;
  }

  request<K extends keyof R & string>(kind: K, ...input: InputOf<R[K]>): Promise<ReplyOf<R[K]>> {
    this.start();
    const { worker, pending } = this.running!;
    const id = this.nextId++;
    if (pending.size === 0) worker.ref();
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, kind, input: input[0] } satisfies HostMessage<ToWorker>);
    });
  }

  /** A one-way notice to the running worker (none is started for it). */
  notify(notice: ToWorker): void {
    this.running?.worker.postMessage({ notice } satisfies HostMessage<ToWorker>);
  }

  /** Starts the worker if none runs (a long-running worker: it begins its work at once). */
  start(): void {
    clearTimeout(this.restartTimer);
    if (this.running) return;
    const { dir, entry, workerData = {}, resourceLimits } = this.options;
    const running: Running = { worker: startWorker(dir, entry, workerData, resourceLimits), pending: new Map() };
    const { worker, pending } = running;
    let failure: Error | undefined;
    worker.on('message', (message: WorkerMessage<FromWorker>) => {
      if ('notice' in message) return this.options.onNotice?.(message.notice);
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (pending.size === 0 && this.running === running) worker.unref(); // (close() holds it until it has ended)
      if ('error' in message) waiting?.reject(this.rebuildError(message.error));
      else waiting?.resolve(message.value);
    });
    worker.on('error', (error) => (failure = error));
    worker.on('exit', (code) => {
      const closing = this.running !== running; // close() let it go first
      if (!closing) this.running = undefined;
      const reason = closing ? 'it was closed' : (failure?.message ?? `exit code ${code}`);
      const error = new WorkerUnavailableError(`The ${this.options.name} stopped (${reason})`, { cause: failure });
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
      if (closing) return;
      if (this.options.restartAfterMs !== undefined)
        this.restartTimer = setTimeout(() => this.start(), this.options.restartAfterMs).unref();
      this.options.onExit?.(error);
    });
    worker.unref(); // after on('message'), which refs it again
    this.running = running;
  }

  /** Lets the worker run its onClose and end, or terminates it after closeTimeoutMs; a later request starts a fresh one. */
  async close(): Promise<void> {
    clearTimeout(this.restartTimer);
    const running = this.running;
    if (!running) return void (await this.closed);
    this.running = undefined;
    running.worker.ref(); // awaited: the process lives until the worker has ended
    const timer = setTimeout(() => void running.worker.terminate(), this.options.closeTimeoutMs ?? 10_000);
    await (this.closed = new Promise((resolve) => {
      running.worker.once('exit', resolve);
      running.worker.postMessage({ close: true } satisfies HostMessage<ToWorker>);
    }));
    clearTimeout(timer);
  }

  /** The worker's error (crossingError()) with its class, when it is a domain error or one of `errors`, and its own fields. */
  rebuildError({ className, name, message, stack, fields }: CrossingError): Error {
    const errorClass = this.errors.get(className);
    const error: Error = errorClass ? Object.create(errorClass.prototype) : new Error();
    return Object.assign(error, fields, { name, message, stack });
  }
}
