import BetterSqlite3, { Database } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { EncodedTimelineCheckpoint } from './timeline-checkpoint';
import { TimelineCheckpointStore } from './timeline-checkpoint-store';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS timeline_checkpoints (
  tenant_id TEXT NOT NULL,
  cycle_id TEXT NOT NULL,
  format INTEGER NOT NULL,
  position INTEGER NOT NULL,
  log_mark TEXT NOT NULL,
  header TEXT NOT NULL,
  columns BLOB NOT NULL,
  checksum TEXT NOT NULL,
  saved_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, cycle_id)
);`;

/**
 * Timeline checkpoints in a SQLite file of their own (by default `time-series.db` beside the embedded stores): a
 * cache — losing the file, or a checkpoint in it, loses nothing but the time of a fold from the start of the log.
 * `readonly` opens an existing file without writing (the analyst CLI); it throws when there is no file.
 */
export class SqliteTimelineCheckpointStore implements TimelineCheckpointStore {
  private readonly db: Database;

  constructor(filePath: string, options: { readonly?: boolean } = {}) {
    if (options.readonly) {
      this.db = new BetterSqlite3(filePath, { readonly: true, fileMustExist: true });
    } else {
      if (filePath !== ':memory:') mkdirSync(dirname(filePath), { recursive: true });
      this.db = new BetterSqlite3(filePath);
      // Large pages: a checkpoint is one blob of tens of megabytes, read in far fewer overflow pages (a new file only).
      this.db.pragma('page_size = 65536');
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.exec(SCHEMA);
    }
    this.db.pragma('busy_timeout = 5000');
  }

  load(tenantId: string, cycleId: string): EncodedTimelineCheckpoint | undefined {
    const row = this.db
      .prepare(
        'SELECT format, position, log_mark AS logMark, header, columns, checksum FROM timeline_checkpoints WHERE tenant_id = ? AND cycle_id = ?',
      )
      .get(tenantId, cycleId) as Omit<EncodedTimelineCheckpoint, 'tenantId' | 'cycleId'> | undefined;
    return row && { tenantId, cycleId, ...row };
  }

  save(checkpoint: EncodedTimelineCheckpoint, savedAt: string): void {
    this.db
      .prepare(
        `INSERT INTO timeline_checkpoints (tenant_id, cycle_id, format, position, log_mark, header, columns, checksum, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (tenant_id, cycle_id) DO UPDATE SET format = excluded.format, position = excluded.position, log_mark = excluded.log_mark,
           header = excluded.header, columns = excluded.columns, checksum = excluded.checksum, saved_at = excluded.saved_at`,
      )
      .run(
        checkpoint.tenantId,
        checkpoint.cycleId,
        checkpoint.format,
        checkpoint.position,
        checkpoint.logMark,
        checkpoint.header,
        checkpoint.columns,
        checkpoint.checksum,
        savedAt,
      );
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
