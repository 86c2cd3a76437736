import { streamNameFilter } from '@eventstore/db-client';
import type { Filter } from '@eventstore/db-client';
import { StreamNaming } from './stream-naming';

/**
 * Which events of `$all` belong to this application.
 *
 * Server side (subscriptions): a stream-name prefix filter on `<prefix>.`. System streams all start with
 * '$' (`$ce-…` category links, `$$…` stream metadata, `$stats-…`, projection state), which the prefix
 * cannot, so the one filter excludes both system events and other applications' streams. EventStoreDB
 * accepts a single filter per subscription (on stream name or on event type, not both), and a prefix list
 * is cheaper for the server than a regex.
 *
 * Client side: the same rule, plus "event type does not start with '$'" (a hard delete writes a
 * `$streamDeleted` tombstone into the deleted stream itself). Used on reads of `$all`, which client v6
 * cannot filter on the server, and as a guard on what subscriptions deliver.
 */

/** The server-side filter for subscribeToAll. */
export function applicationStreamsFilter(naming: StreamNaming): Filter {
  return streamNameFilter({ prefixes: [naming.namePrefix] });
}

/** True for events of this application's streams that are not system events. */
export function isApplicationEvent(naming: StreamNaming, streamName: string, eventType: string): boolean {
  return naming.owns(streamName) && !isSystemEventType(eventType);
}

/** Event types starting with '$' are EventStoreDB's own ($>, $metadata, $streamDeleted…). */
export function isSystemEventType(eventType: string): boolean {
  return eventType.startsWith('$');
}
