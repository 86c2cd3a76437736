import { ResourceLimits } from 'node:worker_threads';
import { startWorkerThread } from '@okr/event-store';

/** What a short-lived worker's message means: more to come, its result, or its failure. */
export type WorkerStep<T> = { done: T } | { failed: string } | undefined;

/**
 * Starts a worker thread that does one job and exits (a segment of a long read), and settles with its result:
 * `onMessage` reads each message (progress, chunks…) and says when one is the result or a failure. A worker that
 * errs or exits first rejects, naming `label`.
 */
export function runShortLivedWorker<Message, T>(
  dir: string,
  entry: string,
  data: object,
  resourceLimits: ResourceLimits,
  label: string,
  onMessage: (message: Message) => WorkerStep<T>,
): Promise<T> {
  const worker = startWorkerThread(dir, entry, data, resourceLimits);
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
    };
    worker.on('message', (message: Message) => {
      const step = onMessage(message);
      if (step && 'done' in step) settle(() => resolve(step.done));
      else if (step) settle(() => reject(new Error(`The ${label} worker failed: ${step.failed}`)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`The ${label} worker exited (code ${code}) before the end of its segment`))));
  });
}
