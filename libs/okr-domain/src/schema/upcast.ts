/**
 * Schema versions of event types and the upcasters that turn older stored shapes into the current one
 * on read. Every event is written with its type's current version; readers (deciders, projections,
 * history) see only current shapes.
 */
export const CURRENT_SCHEMA_VERSION: Readonly<Record<string, number>> = {};

export interface VersionedEvent {
  type: string;
  data: unknown;
  metadata: { schemaVersion?: number };
}

type Upcaster = (data: Record<string, unknown>, event: VersionedEvent) => Record<string, unknown>;

/** upcasters[type][fromVersion] turns version fromVersion into fromVersion + 1. */
const upcasters: Readonly<Record<string, Readonly<Record<number, Upcaster>>>> = {};

export function schemaVersionOf(type: string): number {
  return CURRENT_SCHEMA_VERSION[type] ?? 1;
}

/** The event's data in the current shape of its type (the stored event is not changed). */
export function upcastData(event: VersionedEvent): unknown {
  const chain = upcasters[event.type];
  if (!chain) return event.data;
  let version = event.metadata.schemaVersion ?? 1;
  let data = event.data as Record<string, unknown>;
  while (chain[version]) {
    data = chain[version](data, event);
    version++;
  }
  return data;
}
