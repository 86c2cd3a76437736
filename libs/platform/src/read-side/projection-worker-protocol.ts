/** What the projection worker is started with (workerData). */
export interface ProjectionWorkerData {
  /** The embedded event store's file (read through its own connection). */
  eventStoreFile: string;
  /** The embedded read-model store's file (written through its own connection). */
  readModelsFile: string;
}

/** Worker → API thread. The worker starts catching up at once; closing it (WorkerChannel.close) stores its batch and closes its stores. */
export type ProjectionWorkerNotice =
  | { kind: 'log'; level: 'log' | 'warn' | 'error'; message: string }
  /**
   * Start-up done: the read models hold every event up to `position` (the head when the worker started); `events`:
   * how many positions the catch-up (or rebuild) covered.
   */
  | { kind: 'caughtUp'; position: number; ms: number; events: number }
  /** A batch (or flush) was stored: the read models hold every event up to `position`. */
  | { kind: 'stored'; position: number }
  /** Projecting failed (the runner retries with backoff); cleared by the next 'stored'. */
  | { kind: 'failing'; error: string };

/** API thread → worker: a reader waits for this position: end the follow delay. */
export type ProjectionHostNotice = { kind: 'hurry'; position: number };

/** The projection worker answers no requests: it reports by notices. */
export type ProjectionWorkerRequests = Record<never, never>;
