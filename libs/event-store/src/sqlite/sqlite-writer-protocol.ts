import type { CrossingError } from '@okr/workers';
import type { AppendOutcome, AppendRequest } from './sqlite-event-writer';

/** What the writer thread (sqlite-writer.worker.ts) is started with. */
export interface SqliteWriterData {
  filePath: string;
  busyTimeoutMs: number;
}

/** The writer thread's requests, on a WorkerChannel. */
export type SqliteWriterRequests = {
  /** Answers once the thread's connection is open. */
  ready(): void;
  /**
   * Commits the appends together: the outcome of each (a refused append's error crosses inside the reply: the
   * store rebuilds it with its class); throws when the commit itself failed (nothing of the group was written).
   */
  commit(
    appends: AppendRequest[],
  ): ({ ok: true; result: Extract<AppendOutcome, { ok: true }>['result'] } | { ok: false; error: CrossingError })[];
};
