import { CollectionSpec, ReadModelDocument } from '@okr/read-model';

/** An event as projections see it: data already upcast to the current shape of its type. */
export interface ProjectedEvent {
  type: string;
  data: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- narrowed per event type by each handler
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

/** A change to one document. `version` is set by the runner to the event's position. */
export type DocumentChange =
  | { kind: 'put'; collection: string; doc: Record<string, unknown> & { id: string } }
  | { kind: 'delete'; collection: string; id: string };

/**
 * A projection: a pure function from one event (and the documents it reads) to document changes.
 * It does no I/O of its own and keeps no state between calls, so replaying and rebuilding give the
 * same documents.
 */
export interface Projection {
  readonly name: string;
  /** Bump when the documents' shape or meaning changes: a stored checkpoint of another version means rebuild. */
  readonly version: number;
  readonly collections: readonly CollectionSpec[];
  project(event: ProjectedEvent, read: DocumentReader): Promise<DocumentChange[]>;
}
