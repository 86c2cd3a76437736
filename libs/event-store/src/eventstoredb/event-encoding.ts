import type { EventData, JSONEventData, JSONType, MetadataType, Position, RecordedEvent } from '@eventstore/db-client';
import { EventMetadata, EventToAppend, StoredEvent } from '../event-store.port';
import { decodeJson, encodeJson } from '../internal/json-codec';
import { isSystemEventType } from './all-filter';
import { attachExactPosition, toPortPosition } from './position-mapping';
import { toRevision } from './revision-mapping';
import { StreamNaming } from './stream-naming';

/**
 * Events as EventStoreDB stores them: content type application/json, the port's type as the event type,
 * the port's data as the JSON body and the port's metadata, verbatim (extra keys included), as the JSON
 * custom metadata. Nothing is added to the metadata, so what is read back is exactly what was appended
 * (its JSON round trip, like every adapter). EventStoreDB's event id is not the port's (see
 * append-event-ids.ts); the port's is `metadata.eventId`.
 */

/** The client's EventData for one event of an append. Throws before anything is sent when the event cannot be stored. */
export function toEventData(event: EventToAppend, eventStoreDbId: string): EventData {
  if (isSystemEventType(event.type)) {
    throw new TypeError(`Event type ${JSON.stringify(event.type)} starts with '$', which EventStoreDB reserves for system events`);
  }
  // A private JSON copy, taken now: the caller may change its objects while the append is in flight, and
  // the client's JSON.stringify of the copy gives exactly the text encodeJson gives (undefined → null).
  const data = decodeJson<JSONType>(encodeJson(event.data));
  const metadata = decodeJson<MetadataType>(encodeJson(event.metadata));
  const eventData: JSONEventData = { id: eventStoreDbId, contentType: 'application/json', type: event.type, data, metadata };
  return eventData;
}

/**
 * A recorded event of one of this application's streams, as the port's StoredEvent (with its exact
 * EventStoreDB position attached, see eventStoreDbPositionOf). Throws a clear error for an event this
 * adapter cannot have written (not JSON, metadata without eventId) and for a missing or inexact position.
 */
export function toStoredEvent(recorded: RecordedEvent, naming: StreamNaming): StoredEvent {
  const streamId = naming.toStreamId(recorded.streamId);
  const where = `event ${recorded.revision} of stream ${streamId}`;
  if (!recorded.isJson) throw new TypeError(`EventStoreDB ${where} is not JSON: it was not written by this adapter`);
  const metadata = recorded.metadata as unknown;
  if (
    metadata === null ||
    typeof metadata !== 'object' ||
    Array.isArray(metadata) ||
    metadata instanceof Uint8Array ||
    typeof (metadata as { eventId?: unknown }).eventId !== 'string'
  ) {
    throw new TypeError(`EventStoreDB ${where} has no JSON metadata with an eventId: it was not written by this adapter`);
  }
  const position: Position | undefined = recorded.position;
  const stored: StoredEvent = {
    streamId,
    revision: toRevision(recorded.revision),
    position: toPortPosition(position, where),
    type: recorded.type,
    data: recorded.data,
    metadata: metadata as EventMetadata,
  };
  return attachExactPosition(stored, position!);
}
