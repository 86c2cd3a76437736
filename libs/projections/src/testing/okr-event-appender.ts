import { CURRENT_SCHEMA_VERSION } from '@okr/domain';
import { InMemoryEventStore } from '@okr/event-store';

/**
 * For tests: appends OKR events of the real types to `events`, one per call, as tenant-1's user-1 (or another tenant's), with
 * event ids `event-<n>`, the current schema version of the type, and recordedAt from `recordedAtOf(n)`
 * (n counts the events appended so far, from 1).
 */
export function okrEventAppender(events: InMemoryEventStore, recordedAtOf: (n: number) => string) {
  let n = 0;
  const append = async (streamId: string, type: string, data: Record<string, unknown>, tenantId = 'tenant-1'): Promise<void> => {
    n++;
    await events.appendToStream(streamId, [
      {
        type,
        data,
        metadata: {
          eventId: `event-${n}`,
          tenantId,
          actorId: 'user-1',
          correlationId: `c-${n}`,
          causationId: `c-${n}`,
          commandId: `c-${n}`,
          recordedAt: recordedAtOf(n),
          schemaVersion: CURRENT_SCHEMA_VERSION[type] ?? 1,
        },
      },
    ]);
  };
  return { append, count: () => n };
}
