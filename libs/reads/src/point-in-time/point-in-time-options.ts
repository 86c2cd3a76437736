/** Injection token of the point-in-time settings (ApiModuleOptions.pointInTime). */
export const POINT_IN_TIME_OPTIONS = Symbol('POINT_IN_TIME_OPTIONS');

export interface PointInTimeOptions {
  /**
   * SQLite file the replay snapshots are persisted in (main.ts: `OKR_DATA_DIR/point-in-time.db`), so that they
   * outlive the process. Unset: snapshots are kept in memory only. A cache: deleting it loses only speed.
   */
  snapshotFile?: string;
  /** A snapshot at every multiple of this many positions a replay passes (default: the budget's `replays.snapshotEveryEvents`). */
  snapshotEvery?: number;
  /**
   * Answer `GET /objectives/:id?asOf` and `GET /cycles/:id/alignment?asOf` in a worker thread with its own heap
   * and its own connection to the embedded event store (SQLite only: `eventStoreFile`). Unset (other event
   * stores, tests): in the API process, refused with 503 when the API's heap cannot hold the replay.
   */
  worker?: {
    eventStoreFile: string;
    /** The worker's heap limit in MB (POINT_IN_TIME_HEAP_MB). */
    heapMb: number;
    /** Build snapshots up to the head while idle (default true). */
    buildAhead?: boolean;
  };
}
