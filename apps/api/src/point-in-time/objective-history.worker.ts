import 'reflect-metadata';
import { SqliteEventStore } from '@okr/event-store';
import { ObjectiveHistoryFollower } from '@okr/projections';
import { parentPort, workerData } from 'node:worker_threads';
import { WorkerAnswer, serveQuestions } from './worker-questions';
import { OkrQueries } from '../queries/okr-queries';
import { ReadModels } from '../read-side/read-models';
import { clockAt } from './point-in-time-engine';
import { ObjectiveHistoryProgress, ObjectiveHistoryWorkerData } from './point-in-time-worker-protocol';

/**
 * The objective-history worker thread: records the objective history (ObjectiveHistoryFollower: one replay of
 * the log, kept at its end and moved on as the log grows) and answers `GET /objectives/:id?asOf` from it in
 * milliseconds. The replays that answer alignment questions run in the other point-in-time worker: their states
 * (~90 MB for 10,000 objectives) come and go there, and the collections that follow them never hold up an
 * objective question here. A question the history cannot answer is handed back (`notCovered`) for that worker
 * to replay.
 */
const data = workerData as ObjectiveHistoryWorkerData;
const port = parentPort!;
const events = SqliteEventStore.open({ filePath: data.eventStoreFile, readonly: true });
const follower = new ObjectiveHistoryFollower(events);

let following: Promise<void> | undefined;
let timer: NodeJS.Timeout | undefined;
let lastPosted = -1;
let warmedUp = false;

/**
 * Once the history first reaches the head, a few questions to itself: the answer's code is compiled and optimised
 * then, not during the first real questions (measured on the million-event store: the first one took 65–80 ms,
 * the next ones 6–11 ms).
 */
async function warmUpOnce(): Promise<void> {
  if (warmedUp) return;
  warmedUp = true;
  for (const sample of follower.sampleQuestions()) {
    const found = await follower.objectiveAt(sample.objectiveId, sample.instant);
    if (found.kind !== 'answered') continue;
    const document = (await (await new ReadModels(found.store).objectives()).get(sample.objectiveId)) as { tenantId?: string } | undefined;
    if (document?.tenantId)
      await new OkrQueries(new ReadModels(found.store), clockAt(sample.instant)).objective(document.tenantId, sample.objectiveId);
  }
}

function postProgress(): void {
  if (follower.position === lastPosted) return;
  lastPosted = follower.position;
  port.postMessage({ historyPosition: follower.position } satisfies ObjectiveHistoryProgress);
}

/** Records what the log holds beyond the history, while no question waits (a question stops it within one step). */
function followWhenIdle(delayMs: number): void {
  clearTimeout(timer);
  timer = setTimeout(() => {
    if (questions.waiting() > 0 || following) return;
    let lastProgress = Date.now();
    following = follower
      .catchUp(() => {
        if (Date.now() - lastProgress >= 1_000) {
          lastProgress = Date.now();
          postProgress();
        }
        return questions.waiting() > 0;
      })
      .then(async () => {
        if (questions.waiting() === 0) await warmUpOnce();
        postProgress();
      })
      .catch((error: unknown) => {
        process.stderr.write(
          `[ObjectiveHistory worker] recording the history failed: ${error instanceof Error ? error.message : String(error)}\n`,
        );
      })
      .finally(() => {
        following = undefined;
        if (questions.waiting() === 0) followWhenIdle(data.followEveryMs);
      });
  }, delayMs);
  timer.unref?.();
}

const questions = serveQuestions(
  port,
  async (request): Promise<WorkerAnswer> => {
    if (request.kind !== 'objective')
      throw new Error(`The objective-history worker answers objective questions only (not ${request.kind})`);
    if (following) await following; // gives way within one step
    const found = await follower.objectiveAt(request.objectiveId, request.instant);
    if (found.kind === 'answered')
      return {
        reply: {
          ok: true,
          value: await new OkrQueries(new ReadModels(found.store), clockAt(request.instant)).objective(
            request.tenantId,
            request.objectiveId,
          ),
        },
      };
    if (found.kind === 'inconsistent')
      process.stderr.write(`[ObjectiveHistory worker] the objective history could not answer (${found.reason}); replayed instead\n`);
    return {
      reply: { ok: true, notCovered: found.kind === 'inconsistent' ? found.reason : 'the history does not reach that instant yet' },
    };
  },
  () => followWhenIdle(0),
);

port.postMessage({ ready: true });
followWhenIdle(0);
