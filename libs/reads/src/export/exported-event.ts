import { schemaVersionOf, upcastData } from '@okr/domain';
import { StoredEvent } from '@okr/event-store';
import { csvRecord } from './csv-encoding';

/**
 * An event as the analyst export writes it: where it sits in the log, its metadata, and its data in the
 * current shape of its type (upcast, like every reader sees it). `schemaVersion` is the version of that
 * shape; `storedSchemaVersion` the version it was written with (lower for events stored before a change of
 * their type's shape).
 */
export interface ExportedEvent {
  position: number;
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  storedSchemaVersion: number;
  recordedAt: string;
  actorId: string;
  correlationId: string;
  causationId: string;
  commandId: string;
  data: unknown;
}

export function exportedEvent(event: StoredEvent, data: unknown = upcastData(event)): ExportedEvent {
  const { metadata } = event;
  return {
    position: event.position,
    streamId: event.streamId,
    revision: event.revision,
    eventId: metadata.eventId,
    type: event.type,
    schemaVersion: schemaVersionOf(event.type),
    storedSchemaVersion: metadata.schemaVersion ?? 1,
    recordedAt: metadata.recordedAt,
    actorId: metadata.actorId,
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    commandId: metadata.commandId,
    data,
  };
}

/** JSON Lines: one object per line (JSON escapes CR and LF inside strings, so a line is one event). */
export function eventJsonLine(event: ExportedEvent): string {
  return `${JSON.stringify(event)}\n`;
}

/** The CSV columns, in order: the metadata, then `data` as a JSON string. */
export const EVENT_CSV_COLUMNS = [
  'position',
  'streamId',
  'revision',
  'eventId',
  'type',
  'schemaVersion',
  'storedSchemaVersion',
  'recordedAt',
  'actorId',
  'correlationId',
  'causationId',
  'commandId',
  'data',
] as const satisfies readonly (keyof ExportedEvent)[];

export function eventCsvHeader(): string {
  return csvRecord(EVENT_CSV_COLUMNS);
}

export function eventCsvRecord(event: ExportedEvent): string {
  return csvRecord(EVENT_CSV_COLUMNS.map((column) => (column === 'data' ? JSON.stringify(event.data) : event[column])));
}
