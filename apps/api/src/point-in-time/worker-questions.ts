import { DomainError } from '@okr/domain';
import { MessagePort } from 'node:worker_threads';
import { PointInTimeWorkerError, PointInTimeWorkerReply, PointInTimeWorkerRequest } from './point-in-time-worker-protocol';

/** A reply without its request's id, and what to transfer with it. */
export type WorkerAnswer = { reply: DistributiveOmit<PointInTimeWorkerReply & { ok: true }, 'id'>; transfer?: ArrayBuffer[] };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A failure as the API maps it: domain errors keep their kind and code. */
export function workerErrorOf(error: unknown): PointInTimeWorkerError {
  if (error instanceof DomainError) return { kind: error.kind, code: error.code, field: error.field, message: error.message };
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/**
 * Serves a point-in-time worker's questions one at a time (one replay in its heap at once), each answered or
 * failed with its id. `waiting()` counts the questions received and not answered yet (background work gives way
 * while it is above 0); `onIdle` runs whenever it falls back to 0.
 */
export function serveQuestions(
  port: MessagePort,
  answer: (request: PointInTimeWorkerRequest) => Promise<WorkerAnswer>,
  onIdle: () => void,
): { waiting(): number } {
  let waiting = 0;
  let queue: Promise<void> = Promise.resolve();
  const serve = async (request: PointInTimeWorkerRequest) => {
    try {
      const { reply, transfer } = await answer(request);
      port.postMessage({ ...reply, id: request.id }, transfer ?? []);
    } catch (error) {
      port.postMessage({ id: request.id, ok: false, error: workerErrorOf(error) } satisfies PointInTimeWorkerReply);
    } finally {
      waiting--;
      if (waiting === 0) onIdle();
    }
  };
  port.on('message', (request: PointInTimeWorkerRequest) => {
    waiting++;
    queue = queue.then(() => serve(request));
  });
  return { waiting: () => waiting };
}
