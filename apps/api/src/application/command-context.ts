import { Principal } from '../auth/principal';
import { RequestIds } from './request-ids';

/** Who issues a command, when, and under which ids: everything that becomes event metadata. */
export interface CommandContext {
  principal: Principal;
  now: Date;
  commandId: string;
  correlationId: string;
  /** The event or command that caused this one; defaults to commandId. */
  causationId?: string;
  /** From If-Match: the version the client last saw. A mismatch answers 412 instead of retrying. */
  expectedVersion?: number;
  /** With an Idempotency-Key: the request's ids (of what it creates, of its events), the same on every retry. */
  requestIds?: RequestIds;
  /** The Directory's mark when the request arrived (see Directory.refreshSince); absent outside HTTP requests. */
  directoryMark?: number;
}

/** What a write answers: the stream's version after the write and the global position of its last event. */
export interface WriteResult {
  version: number;
  position: number;
}

export interface CreateResult extends WriteResult {
  id: string;
}
