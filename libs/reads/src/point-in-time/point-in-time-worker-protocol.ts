import type { CycleDiffBody } from '../views/cycle-diff';
import type { PointInTimeEngine } from './point-in-time-engine';

/** What the point-in-time worker thread is started with (workerData). */
export interface PointInTimeWorkerData {
  /** The embedded event store's file (the worker opens its own connection). */
  eventStoreFile: string;
  /** Persisted snapshots (see SqliteSnapshotStore); unset: in the worker's memory only. */
  snapshotFile?: string;
  snapshotEvery?: number;
  /** Build the snapshots up to the head in the background while idle. */
  buildAhead: boolean;
}

/** The questions the worker answers (on a WorkerChannel; instants in epoch ms). */
export type PointInTimeWorkerRequests = {
  objective(question: { tenantId: string; objectiveId: string; instant: number }): ReturnType<PointInTimeEngine['objective']>;
  /** The answer's chunks are transferred, not copied. */
  alignment(question: { tenantId: string; cycleId: string; instant: number; gzip: boolean }): {
    chunks: Uint8Array[];
    length: number;
    encoding: 'gzip' | 'identity';
  };
  cycleDiff(question: { tenantId: string; cycleId: string; from: number; to: number }): CycleDiffBody;
};
