import { Worker } from 'node:worker_threads';
import { startWorkerThread } from '../worker-thread';
import { AppendOutcome, AppendRequest } from './sqlite-event-writer';
import { SqliteWriterData, SqliteWriterReply, SqliteWriterRequest, deserializeError } from './sqlite-writer-protocol';

/**
 * The store's side of its writer thread (sqlite-writer.worker.ts): sends a group of appends, resolves with their
 * outcomes once the commit is on disk. One group at a time is in flight (the store gathers the next meanwhile).
 * If the thread dies, the group in flight fails (its appends may or may not be stored: retried with the same event
 * ids, they are recognised as idempotent retries) and the next group starts a fresh thread.
 */
export class SqliteWriterThread {
  private worker?: Worker;
  private ready?: Promise<void>;
  private readonly pending = new Map<number, { resolve: (outcomes: AppendOutcome[]) => void; reject: (error: unknown) => void }>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly data: SqliteWriterData) {}

  /** Starts the thread (if not running) and resolves once its connection is open. */
  start(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The event store writer thread is closed'));
    if (this.worker && this.ready) return this.ready;
    // Referenced only while something waits on it (start, commits in flight, close): an idle thread never keeps
    // the process alive, and a process with nothing else to do still sees its commits and close() settle.
    const worker = startWorkerThread(__dirname, 'sqlite-writer.worker', this.data);
    this.worker = worker;
    let failure: Error | undefined;
    this.ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (reply: SqliteWriterReply) => {
        if ('ready' in reply) {
          if (this.pending.size === 0) worker.unref();
          return resolve();
        }
        const waiting = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        if (this.pending.size === 0) worker.unref();
        if (!waiting) return;
        if ('failure' in reply) waiting.reject(deserializeError(reply.failure));
        else
          waiting.resolve(reply.outcomes.map((outcome) => (outcome.ok ? outcome : { ok: false, error: deserializeError(outcome.error) })));
      });
      worker.on('error', (error) => (failure = error));
      worker.on('exit', (code) => {
        if (this.worker === worker) {
          this.worker = undefined;
          this.ready = undefined;
        }
        const error = new Error(
          `The event store writer thread stopped (${failure?.message ?? `exit code ${code}`}): the outcome of the appends in flight is unknown`,
        );
        reject(error);
        for (const [id, waiting] of this.pending) {
          this.pending.delete(id);
          waiting.reject(error);
        }
      });
    });
    this.ready.catch(() => undefined); // a thread that dies unasked must not be an unhandled rejection
    return this.ready;
  }

  /** Commits the appends together on the writer thread; rejects when the commit itself failed. */
  async commit(appends: AppendRequest[]): Promise<AppendOutcome[]> {
    await this.start();
    const id = this.nextId++;
    return new Promise<AppendOutcome[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker!.ref();
      this.worker!.postMessage({ id, appends } satisfies SqliteWriterRequest);
    });
  }

  /** Closes the thread's connection and ends it (after the commits in flight, which the caller awaits first). */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    await new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      worker.ref();
      worker.postMessage('close');
    });
  }
}
