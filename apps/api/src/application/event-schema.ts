import { StoredEvent } from '@okr/event-store';

/**
 * Schema versions of event types and the upcasters that turn older shapes into the current one on read.
 * Every event is written with its type's current version; readers see only current shapes.
 */
export const CURRENT_SCHEMA_VERSION: Record<string, number> = {};

type Upcaster = (data: Record<string, unknown>, event: StoredEvent) => Record<string, unknown>;

/** upcasters[type][fromVersion] turns version fromVersion into fromVersion + 1. */
const upcasters: Record<string, Record<number, Upcaster>> = {};

/** The event's data in the current shape of its type (the stored event is not changed). */
export function upcast(event: StoredEvent): { type: string; data: unknown } {
  const chain = upcasters[event.type];
  if (!chain) return event;
  let version = event.metadata.schemaVersion ?? 1;
  let data = event.data as Record<string, unknown>;
  while (chain[version]) {
    data = chain[version](data, event);
    version++;
  }
  return { type: event.type, data };
}
