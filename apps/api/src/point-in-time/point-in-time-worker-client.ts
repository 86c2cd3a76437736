import { ServiceUnavailableException } from '@nestjs/common';
import { BUDGET } from '@okr/budget';
import { InvalidInputError, NotFoundError, RuleViolationError } from '@okr/domain';
import { startWorkerThread } from '@okr/event-store';
import { Worker } from 'node:worker_threads';
import { AlignmentAnswer } from '../views/alignment-tree';
import { CycleDiffBody } from '../views/cycle-diff';
import {
  PointInTimeWorkerData,
  PointInTimeWorkerError,
  PointInTimeWorkerReply,
  PointInTimeWorkerRequest,
} from './point-in-time-worker-protocol';

type Request = PointInTimeWorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * The API side of the point-in-time worker thread (point-in-time.worker.ts): started on first use with its own
 * heap limit, asked one question per message. If the worker dies (out of its heap, a crash), the questions in
 * flight answer 503 with the reason and the next question starts a fresh worker (the persisted snapshots
 * survive it).
 */
export class PointInTimeWorkerClient {
  private worker?: Worker;
  private readonly pending = new Map<number, { resolve: (reply: PointInTimeWorkerReply) => void; reject: (error: unknown) => void }>();
  private nextId = 1;

  constructor(
    private readonly data: PointInTimeWorkerData,
    /** The worker's old-generation heap limit (MB). */
    private readonly heapMb: number,
  ) {}

  async objective(tenantId: string, objectiveId: string, instant: number): Promise<unknown> {
    const reply = await this.ask({ kind: 'objective', tenantId, objectiveId, instant });
    if (!('value' in reply)) throw new Error('The point-in-time worker answered an objective question with something else');
    return reply.value;
  }

  async cycleDiff(tenantId: string, cycleId: string, from: number, to: number): Promise<CycleDiffBody> {
    const reply = await this.ask({ kind: 'cycleDiff', tenantId, cycleId, from, to });
    if (!('value' in reply)) throw new Error('The point-in-time worker answered a cycle diff with something else');
    return reply.value as CycleDiffBody;
  }

  async alignment(tenantId: string, cycleId: string, instant: number, gzip: boolean): Promise<AlignmentAnswer> {
    const reply = await this.ask({ kind: 'alignment', tenantId, cycleId, instant, gzip });
    if (!('alignment' in reply)) throw new Error('The point-in-time worker answered an alignment question with something else');
    const { chunks, length, encoding } = reply.alignment;
    return { chunks: chunks.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength)), length, encoding };
  }

  /** Stops the worker (questions in flight answer 503). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private async ask(request: Request): Promise<PointInTimeWorkerReply & { ok: true }> {
    const worker = this.start();
    const id = this.nextId++;
    const reply = await new Promise<PointInTimeWorkerReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id });
    });
    if (!reply.ok) throw domainErrorOf(reply.error);
    return reply;
  }

  /** Starts the worker unless it runs: at the first question, or earlier (it then builds snapshots while idle). */
  start(): Worker {
    if (this.worker) return this.worker;
    const resourceLimits = {
      maxOldGenerationSizeMb: this.heapMb,
      maxYoungGenerationSizeMb: BUDGET.replayWorker.youngGenerationMb,
    };
    const worker = startWorkerThread(__dirname, 'point-in-time.worker', this.data, resourceLimits);
    worker.unref();
    let failure: Error | undefined;
    worker.on('message', (message: PointInTimeWorkerReply) => {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      waiting?.resolve(message);
    });
    worker.on('error', (error) => (failure = error));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      const reason = failure ? describeFailure(failure, this.heapMb) : `it stopped (exit code ${code})`;
      for (const [id, waiting] of this.pending) {
        this.pending.delete(id);
        waiting.reject(
          new ServiceUnavailableException(
            `The point-in-time view could not be computed: ${reason}. Try again; the next question starts a fresh worker.`,
          ),
        );
      }
    });
    this.worker = worker;
    return worker;
  }
}

function describeFailure(error: Error & { code?: string }, heapMb: number): string {
  if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') return `the replay needed more than its ${heapMb} MB heap (raise POINT_IN_TIME_HEAP_MB)`;
  return `the point-in-time worker failed (${error.message})`;
}

/** The worker's error as the API would have raised it in process (so it maps to the same problem+json). */
function domainErrorOf(error: PointInTimeWorkerError): Error {
  switch (error.kind) {
    case 'not_found':
      return new NotFoundError(error.code ?? 'not_found', error.message, error.field);
    case 'invalid_input':
      return new InvalidInputError(error.code ?? 'invalid_input', error.message, error.field);
    case 'rule_violation':
      return new RuleViolationError(error.code ?? 'rule_violation', error.message, error.field);
    default:
      return new ServiceUnavailableException(`The point-in-time view could not be computed: ${error.message}`);
  }
}
