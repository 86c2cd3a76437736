import { DuplicateEventIdError, ExpectedRevision, WrongExpectedRevisionError } from '../event-store.port';
import { AppendOutcome, AppendRequest } from './sqlite-event-writer';

/** What the writer thread is started with. */
export interface SqliteWriterData {
  filePath: string;
  busyTimeoutMs: number;
}

/** API thread → writer thread: commit these appends together. */
export interface SqliteWriterRequest {
  id: number;
  appends: AppendRequest[];
}

/** An error as it crosses threads: the store's own errors keep their class and fields. */
export type SerializedError =
  | { kind: 'wrong_expected_revision'; streamId: string; expected: ExpectedRevision; actual: number }
  | { kind: 'duplicate_event_id'; eventId: string }
  | { kind: 'other'; name: string; message: string; code?: string };

export type SerializedOutcome =
  { ok: true; result: Extract<AppendOutcome, { ok: true }>['result'] } | { ok: false; error: SerializedError };

/** Writer thread → API thread: the outcome of each append, or the failure of the whole commit (nothing written). */
export type SqliteWriterReply = { id: number; outcomes: SerializedOutcome[] } | { id: number; failure: SerializedError } | { ready: true };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof WrongExpectedRevisionError)
    return { kind: 'wrong_expected_revision', streamId: error.streamId, expected: error.expected, actual: error.actual };
  if (error instanceof DuplicateEventIdError) return { kind: 'duplicate_event_id', eventId: error.eventId };
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { kind: 'other', name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}) };
  }
  return { kind: 'other', name: 'Error', message: String(error) };
}

export function deserializeError(error: SerializedError): Error {
  switch (error.kind) {
    case 'wrong_expected_revision':
      return new WrongExpectedRevisionError(error.streamId, error.expected, error.actual);
    case 'duplicate_event_id':
      return new DuplicateEventIdError(error.eventId);
    default: {
      const rebuilt = new Error(error.message) as Error & { code?: string };
      rebuilt.name = error.name;
      if (error.code !== undefined) rebuilt.code = error.code;
      return rebuilt;
    }
  }
}
