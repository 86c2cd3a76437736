import { BUDGET } from '@okr/budget';
import { WorkerChannel, WorkerUnavailableError } from '@okr/workers';
import { AlignmentAnswer } from '../views/alignment-tree';
import { CycleDiffBody } from '../views/cycle-diff';
import { PointInTimeWorkerData, PointInTimeWorkerRequests } from './point-in-time-worker-protocol';

/**
 * The API side of the point-in-time worker thread (point-in-time.worker.ts), on a WorkerChannel: started on first
 * use (or by start()) with its own heap limit. Its domain errors come back as the API raises them in process; a
 * worker that dies (out of its heap, a crash) answers the questions in flight with a WorkerUnavailableError (503)
 * and the next question starts a fresh one (the persisted snapshots survive it).
 */
export class PointInTimeWorkerClient {
  private readonly channel: WorkerChannel<PointInTimeWorkerRequests>;

  constructor(
    data: PointInTimeWorkerData,
    /** The worker's old-generation heap limit (MB). */
    private readonly heapMb: number,
  ) {
    this.channel = new WorkerChannel({
      dir: __dirname,
      entry: 'point-in-time.worker',
      name: 'point-in-time worker',
      workerData: data,
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: BUDGET.replayWorker.youngGenerationMb },
    });
  }

  objective(tenantId: string, objectiveId: string, instant: number) {
    return this.ask(this.channel.request('objective', { tenantId, objectiveId, instant }));
  }

  cycleDiff(tenantId: string, cycleId: string, from: number, to: number): Promise<CycleDiffBody> {
    return this.ask(this.channel.request('cycleDiff', { tenantId, cycleId, from, to }));
  }

  async alignment(tenantId: string, cycleId: string, instant: number, gzip: boolean): Promise<AlignmentAnswer> {
    const { chunks, length, encoding } = await this.ask(this.channel.request('alignment', { tenantId, cycleId, instant, gzip }));
    return { chunks: chunks.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength)), length, encoding };
  }

  /** Starts the worker unless it runs: at the first question, or earlier (it then builds snapshots while idle). */
  start(): void {
    this.channel.start();
  }

  /** Stops the worker (questions in flight answer 503). */
  close(): Promise<void> {
    return this.channel.close();
  }

  /** The answer; a worker that ran out of its heap says which setting to raise. */
  private async ask<T>(answer: Promise<T>): Promise<T> {
    try {
      return await answer;
    } catch (error) {
      const cause = error instanceof WorkerUnavailableError ? (error.cause as { code?: string } | undefined) : undefined;
      if (cause?.code !== 'ERR_WORKER_OUT_OF_MEMORY') throw error;
      throw new WorkerUnavailableError(
        `The point-in-time view could not be computed: the replay needed more than its ${this.heapMb} MB heap (raise POINT_IN_TIME_HEAP_MB)`,
        { cause },
      );
    }
  }
}
