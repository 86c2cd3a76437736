import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Raw better-sqlite3 rates on this machine, on a table shaped like the event store's `events`. */
export interface SqliteCeiling {
  /** One INSERT per IMMEDIATE transaction, WAL, synchronous=FULL: what one append costs at best. */
  singleRowTransactionsPerSecond: number;
  /** 1,000 INSERTs per transaction, WAL, synchronous=FULL. */
  batchedRowsPerSecond: number;
  /** SELECT of one row by primary key (random positions), no decoding. */
  pointReadsPerSecond: number;
  /** Pages of 1,000 rows in position order, with the JSON columns parsed (what a projection replay must read). */
  scanRowsPerSecond: number;
  /** Bytes of JSON per row (data + metadata). */
  rowJsonBytes: number;
  rows: number;
}

/** Same columns, constraints and indexes as the event store's schema (version 1). */
const SCHEMA = `
  CREATE TABLE events (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_id TEXT NOT NULL, revision INTEGER NOT NULL CHECK (revision >= 0), event_id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
    tenant_id TEXT, actor_id TEXT, correlation_id TEXT, recorded_at TEXT,
    batch_first_revision INTEGER NOT NULL, batch_size INTEGER NOT NULL CHECK (batch_size >= 1),
    UNIQUE (stream_id, revision)
  ) STRICT;
  CREATE INDEX events_by_tenant ON events (tenant_id, position);
  CREATE INDEX events_by_tenant_actor ON events (tenant_id, actor_id, position);
  CREATE INDEX events_by_tenant_time ON events (tenant_id, recorded_at);
  CREATE INDEX events_by_type ON events (type, position);
`;

type Row = [string, number, string, string, string, string, string, string, string, string, number, number];

/** A check-in-like event row: ~180 bytes of data, ~330 of metadata, like the demo's KeyResultCheckedIn. */
function makeRow(i: number, streams: number): Row {
  const stream = `keyresult-${(i % streams).toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
  const eventId = randomUUID();
  const recordedAt = new Date(1_760_000_000_000 + i * 1000).toISOString();
  const data = JSON.stringify({
    keyResultId: stream.slice(10),
    checkInId: randomUUID(),
    value: i % 997,
    confidence: 0.7,
    note: null,
    effectiveAt: recordedAt,
  });
  const metadata = JSON.stringify({
    eventId,
    tenantId: 'default',
    actorId: 'user-0f0e0d0c-0b0a-4909-8807-060504030201',
    correlationId: eventId,
    causationId: null,
    commandId: eventId,
    recordedAt,
    schemaVersion: 1,
  });
  return [
    stream,
    Math.floor(i / streams),
    eventId,
    'KeyResultCheckedIn',
    data,
    metadata,
    'default',
    'user-1',
    eventId,
    recordedAt,
    Math.floor(i / streams),
    1,
  ];
}

/** Runs `step` until `seconds` have passed; returns how many steps ran and the exact elapsed seconds. */
function forDuration(seconds: number, step: (i: number) => void): { count: number; seconds: number } {
  const started = performance.now();
  const until = started + seconds * 1000;
  let count = 0;
  for (;;) {
    for (let k = 0; k < 64; k++) step(count++);
    if (performance.now() >= until) break;
  }
  return { count, seconds: (performance.now() - started) / 1000 };
}

/** Measures the raw rates on a fresh database in `dir` (the file is left for the caller to delete). */
export function measureSqliteCeiling(dir: string, seconds: number): SqliteCeiling {
  mkdirSync(dir, { recursive: true });
  const db = new Database(join(dir, 'ceiling.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(SCHEMA);
    const insert = db.prepare(
      `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, tenant_id, actor_id, correlation_id, recorded_at, batch_first_revision, batch_size)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const streams = 40_000;
    let next = 0;
    const insertOne = db.transaction((row: Row) => insert.run(...row));
    const single = forDuration(seconds, () => insertOne.immediate(makeRow(next++, streams)));

    const insertMany = db.transaction((rows: Row[]) => {
      for (const row of rows) insert.run(...row);
    });
    const batchSize = 1000;
    let batchedRows = 0;
    const batched = forDuration(seconds, () => {
      const rows = Array.from({ length: batchSize }, () => makeRow(next++, streams));
      insertMany.immediate(rows);
      batchedRows += rows.length;
    });
    // Row building is not the database's work: take it out of the batched rate.
    const buildStarted = performance.now();
    for (let i = 0; i < 10_000; i++) makeRow(i, streams);
    const buildSecondsPerRow = (performance.now() - buildStarted) / 1000 / 10_000;
    const batchedSeconds = Math.max(1e-9, batched.seconds - buildSecondsPerRow * batchedRows);

    const rows = Number(db.prepare('SELECT COUNT(*) FROM events').pluck().get());
    const byPosition = db.prepare('SELECT position, stream_id, revision, type, data, metadata FROM events WHERE position = ?').raw();
    let seed = 12345;
    const point = forDuration(seconds, () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      byPosition.get(1 + (seed % rows));
    });

    const page = db
      .prepare('SELECT position, stream_id, revision, type, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT 1000')
      .raw();
    let after = 0;
    let scanned = 0;
    const scan = forDuration(Math.max(0.5, seconds / 2), () => {
      const items = page.all(after) as [number, string, number, string, string, string][];
      if (items.length === 0) {
        after = 0;
        return;
      }
      for (const item of items) {
        JSON.parse(item[4]);
        JSON.parse(item[5]);
      }
      scanned += items.length;
      after = items[items.length - 1][0];
    });
    const sample = makeRow(0, streams);
    return {
      singleRowTransactionsPerSecond: single.count / single.seconds,
      batchedRowsPerSecond: batchedRows / batchedSeconds,
      pointReadsPerSecond: point.count / point.seconds,
      scanRowsPerSecond: scanned / scan.seconds,
      rowJsonBytes: sample[4].length + sample[5].length,
      rows,
    };
  } finally {
    db.close();
  }
}
