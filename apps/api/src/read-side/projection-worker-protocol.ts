/** What the projection worker is started with (workerData). */
export interface ProjectionWorkerData {
  /** The embedded event store's file (read through its own connection). */
  eventStoreFile: string;
  /** The embedded read-model store's file (written through its own connection). */
  readModelsFile: string;
}

/** API thread → worker. */
export type ProjectionWorkerRequest =
  /** A reader waits for this position: end the follow delay. */
  | { kind: 'hurry'; position: number }
  /** Store the batch in progress, stop, close the stores, answer 'stopped'. */
  | { kind: 'stop' };

/** Worker → API thread. */
export type ProjectionWorkerMessage =
  | { kind: 'log'; level: 'log' | 'warn' | 'error'; message: string }
  /**
   * Start-up done: the read models hold every event up to `position` (the head when the worker started); `events`:
   * how many positions the catch-up (or rebuild) covered.
   */
  | { kind: 'caughtUp'; position: number; ms: number; events: number }
  /** A batch (or flush) was stored: the read models hold every event up to `position`. */
  | { kind: 'stored'; position: number }
  /** Projecting failed (the runner retries with backoff); cleared by the next 'stored'. */
  | { kind: 'failing'; error: string }
  /** Start-up failed: the worker exits. */
  | { kind: 'failed'; error: string }
  | { kind: 'stopped' };
