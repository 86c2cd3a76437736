import { CollectionSpec, ReadModelDocument } from '@okr/read-model';

/** An event as projections see it: data already upcast to the current shape of its type. */
export interface ProjectedEvent {
  type: string;
  /** Unknown until a projection narrows the event by its type (e.g. with isOkrEvent from @okr/domain). */
  data: unknown;
  streamId: string;
  /** Revision of the event in its stream (0-based): revision + 1 is the stream's version after it. */
  revision: number;
  position: number;
  metadata: { tenantId: string; actorId: string; recordedAt: string; [key: string]: unknown };
}

/** Read access to the documents as they stand before the event (including earlier events of the same batch). */
export interface DocumentReader {
  get<T extends ReadModelDocument>(collection: string, id: string): Promise<T | undefined>;
}

/**
 * A change to one document. `version` is set by the runner to the event's position. `settle` asks the runner
 * to pass the document to the projection's `settle` once, at the end of the batch (after every event of it).
 */
export type DocumentChange =
  | { kind: 'put'; collection: string; doc: Record<string, unknown> & { id: string } }
  | { kind: 'delete'; collection: string; id: string }
  | { kind: 'settle'; collection: string; id: string };

/**
 * A projection: a pure function from one event (and the documents it reads) to document changes.
 * It does no I/O of its own and keeps no state between calls, so replaying and rebuilding give the
 * same documents.
 */
/** A collection a projection writes. */
export interface ProjectionCollectionSpec extends CollectionSpec {
  /**
   * The projection writes these documents but never reads them back (insert-only history; the okr projection's check-ins were, until its version 4):
   * their contents never feed other documents, so a runner may store them ahead of its checkpoint.
   */
  readonly writeOnly?: boolean;
}

/** A document an event asked to settle, as it stands at the end of the batch. */
export interface SettleRequest {
  collection: string;
  id: string;
  doc: (ReadModelDocument & Record<string, unknown>) | null;
}

export interface Projection {
  readonly name: string;
  /** Bump when the documents' shape or meaning changes: a stored checkpoint of another version means rebuild. */
  readonly version: number;
  readonly collections: readonly ProjectionCollectionSpec[];
  /**
   * Collections earlier versions wrote and this one no longer does: a rebuild (so the rebuild a version change
   * starts) drops them once it has swapped the new documents in, so they do not linger in the store.
   */
  readonly retiredCollections?: readonly string[];
  project(event: ProjectedEvent, read: DocumentReader): Promise<DocumentChange[]>;
  /**
   * Work deferred to the end of a batch: the documents events asked to settle (each once, in first-asked
   * order, with the document as it stands after the whole batch, or null if it does not exist); returns their final contents (`put`s, which keep the
   * versions the events gave them). For derived values that many events of a batch would each recompute
   * (e.g. rollups of ancestors with thousands of children): the result must be what recomputing after every
   * event would have given, so that documents do not depend on how events are batched.
   */
  settle?(pending: readonly SettleRequest[], read: DocumentReader): Promise<DocumentChange[]>;
}
