import { createHash } from 'node:crypto';

/**
 * The EventStoreDB event ids the adapter gives the events of one append.
 *
 * The port's event id stays in the event's metadata (`metadata.eventId`, any string). EventStoreDB needs a
 * UUID per event and uses it for its own idempotency check: when an append arrives with an expected
 * revision older than the stream's, the server compares the ids at the following revisions with the
 * append's, and answers "already written" (idempotent success) when they all match.
 *
 * The adapter's id for event i of an append is a name-based UUID (RFC 4122 version 5) of the append's
 * whole ordered list of port event ids and of i. So:
 * - an exact retry (same ids, same order, same stream) produces the same EventStoreDB ids, and the server
 *   recognises it as already written, even from another process;
 * - any other re-use of a port event id (a subset, another order, mixed with new ids) produces different
 *   EventStoreDB ids, so the server never mistakes it for a retry; the adapter then finds the re-used ids
 *   itself (see eventstoredb-event-store.ts) and throws DuplicateEventIdError;
 * - the stored ids tell which events were written together, and in which order, without any extra field.
 */

/** Fixed namespace of this adapter's name-based ids (a random UUID chosen once; never change it). */
export const APPEND_EVENT_ID_NAMESPACE = '95bfdfe2-e8ed-44ce-8b35-c4cb7e510a49';

/** The EventStoreDB ids of the events of one append, in order. */
export function appendEventIds(eventIds: readonly string[]): string[] {
  const batch = createHash('sha256').update(JSON.stringify(eventIds)).digest('hex');
  return eventIds.map((_, index) => uuidV5(`${batch}:${eventIds.length}:${index}`, APPEND_EVENT_ID_NAMESPACE));
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A version-5 (SHA-1, name-based) UUID of `name` in `namespace`, as RFC 4122 defines it. */
export function uuidV5(name: string, namespace: string): string {
  if (!UUID_PATTERN.test(namespace)) throw new TypeError(`Invalid namespace UUID ${namespace}`);
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(Buffer.from(name, 'utf8'))
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
