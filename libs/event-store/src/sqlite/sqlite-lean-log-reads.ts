import type { Database } from 'better-sqlite3';
import { validateNonNegativeInteger } from '../internal/append-rules';
import { decodeJson } from '../internal/json-codec';
import { LeanEvent, LeanLogReadOptions } from '../lean-log/lean-log-reader';
import { StatementsByLimit } from './statements-by-limit';

/** The type, or with a types filter its index in the list; with a tenant filter, no tenant column. */
type LeanRow = [
  position: number,
  type: string | number,
  data: string,
  recordedAt: string | null,
  schemaVersion: number | string | null,
  tenantId?: string | null,
];

/**
 * `metadata.schemaVersion`: an integer from its own column (the usual case: the metadata is not parsed at all),
 * else as SQLite finds it in the metadata — an integer as such, anything else as its JSON text (parsed here),
 * NULL when the key is absent.
 */
const SCHEMA_VERSION = `CASE WHEN schema_version IS NOT NULL THEN schema_version WHEN json_type(metadata, '$.schemaVersion') = 'integer' THEN metadata ->> '$.schemaVersion' ELSE metadata -> '$.schemaVersion' END`;

/**
 * The SQLite event store's lean reads (see LeanLogReader): the position, type and data of each event, its tenant
 * and recording time from their own columns (copied from the metadata when it was appended), and its schema
 * version extracted by SQLite from the metadata text (an integer as it is, any other value from its JSON text, so
 * it comes back as JSON.parse gives it; the metadata JSON.stringify wrote has no duplicate keys; an integer is
 * kept in the `schema_version` column when appended) — the metadata is never decoded in JavaScript. Tenant and types are filtered in SQL, in log order: the primary key or the
 * (tenant, position) index, never the type index (the log's order only per type). Fewer strings are made per row: with a types
 * filter SQLite returns the type's index in the list (the caller's string is returned), with a tenant filter the
 * tenant is the one asked for.
 */
export class SqliteLeanLogReads {
  /** One statement family per filter shape (with or without a tenant, number of types). */
  private readonly byShape = new Map<string, StatementsByLimit<unknown[]>>();

  constructor(private readonly db: Database) {}

  read(options: LeanLogReadOptions): LeanEvent[] {
    const after = validateNonNegativeInteger('after', options.after, 0);
    const until = validateNonNegativeInteger('until', options.until, Number.MAX_SAFE_INTEGER);
    const { maxCount, tenantId, types } = options;
    if (!Number.isSafeInteger(maxCount) || maxCount < 1) throw new RangeError(`Invalid maxCount ${maxCount}`);
    if (tenantId !== undefined && typeof tenantId !== 'string') throw new TypeError('tenantId must be a string');
    if (types !== undefined && (!Array.isArray(types) || types.some((type) => typeof type !== 'string')))
      throw new TypeError('types must be an array of strings');
    if (types?.length === 0 || until <= after) return [];
    const params: unknown[] = [];
    if (types !== undefined) params.push(...types);
    params.push(after, until);
    if (tenantId !== undefined) params.push(tenantId);
    if (types !== undefined) params.push(...types);
    const rows = this.statements(tenantId !== undefined, types?.length).all(maxCount, ...params) as LeanRow[];
    const events = new Array<LeanEvent>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const schemaVersion = row[4];
      events[i] = {
        position: row[0],
        type: types === undefined ? (row[1] as string) : types[row[1] as number],
        data: decodeJson(row[2]),
        tenantId: tenantId === undefined ? (row[5] as string | null) : tenantId,
        recordedAt: row[3],
        schemaVersion: typeof schemaVersion === 'string' ? decodeJson(schemaVersion) : schemaVersion === null ? undefined : schemaVersion,
      };
    }
    return events;
  }

  private statements(byTenant: boolean, typeCount: number | undefined): StatementsByLimit<unknown[]> {
    const shape = `${byTenant ? 't' : ''}:${typeCount ?? ''}`;
    let statements = this.byShape.get(shape);
    if (!statements) {
      const where = ['position > ?', 'position <= ?'];
      // The tenant index (tenant, position) is in log order: for a tenant with most of the log it costs about what
      // the primary key scan does, for one among many it skips the others. Unary + keeps the type index out.
      if (byTenant) where.push('tenant_id = ?');
      const list = new Array(typeCount ?? 0).fill('?');
      if (typeCount !== undefined) where.push(`+type IN (${list.join(', ')})`);
      const type = typeCount === undefined ? 'type' : `CASE type ${list.map((_, i) => `WHEN ? THEN ${i}`).join(' ')} END`;
      const columns = ['position', type, 'data', 'recorded_at', SCHEMA_VERSION, ...(byTenant ? [] : ['tenant_id'])];
      statements = new StatementsByLimit<unknown[]>(
        this.db,
        `SELECT ${columns.join(', ')} FROM events WHERE ${where.join(' AND ')} ORDER BY position`,
        true,
      );
      this.byShape.set(shape, statements);
    }
    return statements;
  }
}
