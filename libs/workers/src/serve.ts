import { parentPort } from 'node:worker_threads';
import type { CrossingError, HostMessage, InputOf, ReplyOf, Requests, WorkerMessage } from './worker-channel';

/** The worker's handlers: each request's reply; push ArrayBuffers to `transfer` to move them rather than copy them. */
export type Handlers<R extends Requests<R>> = {
  [K in keyof R]: (input: InputOf<R[K]>[0], transfer: ArrayBuffer[]) => ReplyOf<R[K]> | Promise<ReplyOf<R[K]>>;
};

export interface ServeOptions<ToWorker> {
  onNotice?: (notice: ToWorker) => void;
  /** Asked to close (WorkerChannel.close()): finish and close what it holds; the thread then ends. */
  onClose?: () => unknown;
}

/**
 * The worker's side of a WorkerChannel: answers each request by id (handlers run as the requests come), its
 * errors cross with their class name and own fields; `notify` tells the host a one-way notice.
 */
export function serve<R extends Requests<R>, FromWorker = never, ToWorker = never>(
  handlers: Handlers<R>,
  options: ServeOptions<ToWorker> = {},
): { notify(notice: FromWorker): void } {
  const port = parentPort!;
  const post = (message: WorkerMessage<FromWorker>, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  port.on('message', async (message: HostMessage<ToWorker>) => {
    if ('notice' in message) return options.onNotice?.(message.notice);
    if ('close' in message) {
      return Promise.resolve()
        .then(options.onClose)
        .then(
          () => process.exit(0),
          () => process.exit(1),
        );
    }
    const transfer: ArrayBuffer[] = [];
    try {
      const handler = handlers[message.kind as keyof R] as (input: unknown, transfer: ArrayBuffer[]) => unknown;
      post({ id: message.id, value: await handler(message.input, transfer) }, transfer);
    } catch (error) {
      post({ id: message.id, error: crossingError(error) });
    }
  });
  return { notify: (notice) => post({ notice }) };
}

/** An error as it crosses to the host (thrown ones cross by themselves; this is for errors inside a reply: WorkerChannel.rebuildError). */
export function crossingError(error: unknown): CrossingError {
  if (!(error instanceof Error)) return { className: 'Error', name: 'Error', message: String(error), fields: {} };
  const fields = Object.fromEntries(
    Object.entries(error).filter(([, value]) => value === null || !['object', 'function', 'symbol'].includes(typeof value)),
  );
  return { className: error.constructor.name, name: error.name, message: error.message, stack: error.stack, fields };
}
