import { randomUUID } from 'node:crypto';
import { EventMetadata, EventToAppend } from '../event-store.port';

/** Unique per test run, so suites can run repeatedly against a shared, persistent server. */
const runId = randomUUID().slice(0, 8);
let streamCounter = 0;

/** A stream name no other test (and no earlier run) uses. */
export function uniqueStreamId(prefix = 'test'): string {
  streamCounter += 1;
  return `${prefix}-${runId}-${streamCounter}`;
}

/** An event with complete metadata and a fresh event id; `metadata` overrides or adds keys. */
export function testEvent<Data>(type: string, data: Data, metadata: Partial<EventMetadata> = {}): EventToAppend<Data> {
  const eventId = metadata.eventId ?? randomUUID();
  return {
    type,
    data,
    metadata: {
      eventId,
      tenantId: 'tenant-1',
      actorId: 'user-1',
      correlationId: 'correlation-1',
      causationId: 'causation-1',
      commandId: 'command-1',
      recordedAt: '2025-01-01T00:00:00.000Z',
      schemaVersion: 1,
      ...metadata,
    },
  };
}
