import type { CrossingError } from '../worker-channel';

/** The requests of the tiny test worker (test-worker.ts). */
export type TestRequests = {
  echo(text: string): string;
  /** Throws: a domain error, a class known only to the host's `errors`, or an error with a code. */
  fail(which: 'domain' | 'custom' | 'coded'): never;
  /** Never answers (a request in flight). */
  hang(): never;
  /** Errors inside a reply (like the writer's per-append outcomes). */
  outcomes(): { ok: boolean; error?: CrossingError }[];
  /** Ends the thread with an exit code, unasked. */
  die(): never;
  limits(): { maxOldGenerationSizeMb?: number; maxYoungGenerationSizeMb?: number };
  bytes(length: number): Uint8Array;
};
export type TestWorkerNotice = { kind: 'started' } | { kind: 'pong'; text: string } | { kind: 'closing' };
export type TestHostNotice = { kind: 'ping'; text: string };

/** An error class the test host registers in `errors`. */
export class TestStoreError extends Error {
  override readonly name = 'TestStoreError';
  constructor(readonly streamId: string) {
    super(`Stream ${streamId} is busy`);
  }
}
