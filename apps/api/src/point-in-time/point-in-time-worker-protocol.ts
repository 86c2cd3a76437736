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

export type PointInTimeWorkerRequest =
  | { id: number; kind: 'objective'; tenantId: string; objectiveId: string; instant: number }
  | { id: number; kind: 'alignment'; tenantId: string; cycleId: string; instant: number; gzip: boolean }
  | { id: number; kind: 'cycleDiff'; tenantId: string; cycleId: string; from: number; to: number };

/** A failure as the worker reports it: domain errors keep their kind and code (the API maps them as usual). */
export interface PointInTimeWorkerError {
  kind: 'invalid_input' | 'not_found' | 'rule_violation' | 'internal';
  code?: string;
  field?: string;
  message: string;
}

export type PointInTimeWorkerReply =
  | { id: number; ok: true; value: unknown }
  /** An alignment answer: its chunks (transferred, not copied). */
  | { id: number; ok: true; alignment: { chunks: Uint8Array[]; length: number; encoding: 'gzip' | 'identity' } }
  | { id: number; ok: false; error: PointInTimeWorkerError };
