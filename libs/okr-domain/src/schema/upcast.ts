import { addedV1ToV2 } from './key-result-added.upcasters';
import { checkedInV1ToV2 } from './key-result-checked-in.upcasters';
import { UnsupportedSchemaVersionError } from './unsupported-schema-version.error';

/**
 * Schema versions of event types and the upcasters that turn older stored shapes into the current one
 * on read. Every event is written with its type's current version; readers (deciders, projections,
 * history, point-in-time replays, exports) see only current shapes, because they all read through
 * `upcastData` (apps/api StreamExecutor, libs/projections `toProjectedEvent`).
 *
 * A type absent from CURRENT_SCHEMA_VERSION is at version 1. An event of a version above its type's
 * current one (or not a positive integer) is refused with UnsupportedSchemaVersionError rather than
 * read as a shape it is not. See docs/decisions/0011-schema-evolution-and-export.md.
 */
export const CURRENT_SCHEMA_VERSION: Readonly<Record<string, number>> = {
  KeyResultCheckedIn: 2,
  KeyResultAdded: 2,
};

export interface VersionedEvent {
  type: string;
  data: unknown;
  metadata: { schemaVersion?: number; recordedAt?: string };
}

type Upcaster = (data: Record<string, unknown>, event: VersionedEvent) => Record<string, unknown>;

/** upcasters[type][fromVersion] turns version fromVersion into fromVersion + 1. */
const upcasters: Readonly<Record<string, Readonly<Record<number, Upcaster>>>> = {
  KeyResultCheckedIn: { 1: checkedInV1ToV2 },
  KeyResultAdded: { 1: addedV1ToV2 },
};

export function schemaVersionOf(type: string): number {
  return CURRENT_SCHEMA_VERSION[type] ?? 1;
}

/** The event's data in the current shape of its type (the stored event is not changed). */
export function upcastData(event: VersionedEvent): unknown {
  const current = schemaVersionOf(event.type);
  const stored = event.metadata.schemaVersion ?? 1;
  if (!Number.isInteger(stored) || stored < 1 || stored > current) {
    throw new UnsupportedSchemaVersionError(event.type, stored, current);
  }
  if (stored === current) return event.data;
  const chain = upcasters[event.type] ?? {};
  let data = event.data as Record<string, unknown>;
  for (let version = stored; version < current; version++) {
    const step = chain[version];
    if (!step) throw new Error(`No upcaster for ${event.type} from schema version ${version} to ${version + 1}`);
    data = step(data, event);
  }
  return data;
}
