import BetterSqlite3, { Database } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PointInTimeSnapshot, SnapshotChunk } from './point-in-time-snapshot';
import { PointInTimeSnapshotStore, SnapshotInfo } from './point-in-time-snapshot-store';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS snapshots (
  projection TEXT NOT NULL,
  version INTEGER NOT NULL,
  position INTEGER NOT NULL,
  recorded_at TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (projection, version, position)
);
CREATE TABLE IF NOT EXISTS snapshot_chunks (
  projection TEXT NOT NULL,
  version INTEGER NOT NULL,
  position INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  collection TEXT NOT NULL,
  count INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (projection, version, position, seq)
);`;

/**
 * Point-in-time snapshots on disk: a SQLite file of its own (by default `point-in-time.db` beside the embedded
 * stores), one row per snapshot and one compressed blob per chunk of documents. Snapshots at positions below
 * the head never go stale (the log is append-only); those of another projection version are ignored and
 * deleted when a snapshot of the current version is saved. Losing the file loses nothing but speed.
 */
export class SqliteSnapshotStore implements PointInTimeSnapshotStore {
  private readonly db: Database;

  constructor(filePath: string) {
    if (filePath !== ':memory:') mkdirSync(dirname(filePath), { recursive: true });
    this.db = new BetterSqlite3(filePath);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  async list(projection: string, version: number): Promise<SnapshotInfo[]> {
    const rows = this.db
      .prepare('SELECT position, recorded_at AS recordedAt FROM snapshots WHERE projection = ? AND version = ? ORDER BY position')
      .all(projection, version) as SnapshotInfo[];
    return rows;
  }

  async load(projection: string, version: number, position: number): Promise<PointInTimeSnapshot | undefined> {
    const head = this.db
      .prepare('SELECT recorded_at AS recordedAt FROM snapshots WHERE projection = ? AND version = ? AND position = ?')
      .get(projection, version, position) as { recordedAt: string | null } | undefined;
    if (!head) return undefined;
    const chunks = this.db
      .prepare('SELECT collection, count, data FROM snapshot_chunks WHERE projection = ? AND version = ? AND position = ? ORDER BY seq')
      .all(projection, version, position) as SnapshotChunk[];
    return { projection, version, position, recordedAt: head.recordedAt, chunks };
  }

  async save(snapshot: PointInTimeSnapshot): Promise<void> {
    const { projection, version, position } = snapshot;
    const insertChunk = this.db.prepare(
      'INSERT INTO snapshot_chunks (projection, version, position, seq, collection, count, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      // Snapshots of other versions of the projection can never be used again.
      this.db.prepare('DELETE FROM snapshot_chunks WHERE projection = ? AND version <> ?').run(projection, version);
      this.db.prepare('DELETE FROM snapshots WHERE projection = ? AND version <> ?').run(projection, version);
      this.db
        .prepare('DELETE FROM snapshot_chunks WHERE projection = ? AND version = ? AND position = ?')
        .run(projection, version, position);
      this.db.prepare('DELETE FROM snapshots WHERE projection = ? AND version = ? AND position = ?').run(projection, version, position);
      this.db
        .prepare('INSERT INTO snapshots (projection, version, position, recorded_at, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(projection, version, position, snapshot.recordedAt, new Date().toISOString());
      snapshot.chunks.forEach((chunk, seq) =>
        insertChunk.run(projection, version, position, seq, chunk.collection, chunk.count, chunk.data),
      );
    })();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
