import { SqliteEventStore } from '@okr/event-store';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadOnlyEventStore } from './read-only-event-store';

const event = (eventId: string) => ({
  type: 'Happened',
  data: { n: 1 },
  metadata: {
    eventId,
    tenantId: 't',
    actorId: 'a',
    correlationId: eventId,
    causationId: eventId,
    commandId: eventId,
    recordedAt: '2026-01-01T00:00:00.000Z',
    schemaVersion: 1,
  },
});

describe('reading the embedded event store read-only', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'okr-cli-ro-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('SqliteEventStore with readonly reads what a writer appended, refuses appends, and never creates a file', async () => {
    const file = join(dir, 'okr.db');
    const writer = SqliteEventStore.open({ filePath: file });
    await writer.appendToStream('s-1', [event('e1')]);
    const reader = SqliteEventStore.open({ filePath: file, readonly: true });
    try {
      expect((await reader.readAll()).map((e) => e.metadata.eventId)).toEqual(['e1']);
      await writer.appendToStream('s-1', [event('e2')]);
      expect(await reader.headPosition()).toBe(2);
      // SQLite's own refusal (matched by code: better-sqlite3's error class may come from another test file's realm).
      await expect(reader.appendToStream('s-2', [event('e3')])).rejects.toMatchObject({ code: 'SQLITE_READONLY' });
      expect(await writer.headPosition()).toBe(2);
    } finally {
      await reader.close();
      await writer.close();
    }
    const missing = join(dir, 'elsewhere', 'okr.db');
    expect(() => SqliteEventStore.open({ filePath: missing, readonly: true })).toThrow();
    expect(existsSync(join(dir, 'elsewhere'))).toBe(false);
  });

  it('ReadOnlyEventStore passes reads through and refuses appends and subscriptions before they reach the store', async () => {
    const store = SqliteEventStore.open({ filePath: ':memory:' });
    try {
      await store.appendToStream('s-1', [event('e1')]);
      const readOnly = new ReadOnlyEventStore(store);
      expect((await readOnly.readStream('s-1')).map((e) => e.metadata.eventId)).toEqual(['e1']);
      expect(await readOnly.headPosition()).toBe(1);
      await expect(readOnly.appendToStream('s-1')).rejects.toThrow('The analyst CLI reads the event store only (refused an append to s-1)');
      expect(() => readOnly.subscribeToAll()).toThrow(/never follows it/);
      await readOnly.close();
      expect(await store.headPosition()).toBe(1); // closing the view leaves the store open
    } finally {
      await store.close();
    }
  });
});
