/**
 * An event as history reads it: a stored event of the log (structurally a `StoredEvent` of the event-store
 * port, so this library needs no dependency on it). Data may be in an old schema version: the folder
 * upcasts it before use.
 */
export interface HistoryEvent {
  streamId: string;
  /** 0-based index inside its stream. */
  revision: number;
  /** Global position in the log. */
  position: number;
  type: string;
  data: unknown;
  metadata: {
    actorId: string;
    tenantId: string;
    recordedAt: string;
    schemaVersion?: number;
    [key: string]: unknown;
  };
}
