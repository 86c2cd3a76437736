import type { Database } from 'better-sqlite3';
import { validateNonNegativeInteger } from '../internal/append-rules';
import { decodeJson } from '../internal/json-codec';
import { LeanEvent, LeanLogReadOptions } from '../lean-log/lean-log-reader';
import { StatementsByLimit } from './statements-by-limit';

type LeanRow = [position: number, type: string, data: string, tenantId: string | null, recordedAt: string | null, schemaVersion: string | null];

/**
 * The SQLite event store's lean reads (see LeanLogReader): the position, type and data of each event, its tenant
 * and recording time from their own columns (copied from the metadata when it was appended), and its schema
 * version extracted by SQLite from the metadata text (`->`: the key's JSON text, parsed here, so any stored value
 * comes back as JSON.parse gives it) — the metadata is never decoded in JavaScript. Tenant and types are
 * filtered in SQL; the scan follows the primary key (positions), never the type index, whose order is not the
 * log's.
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
    if (types !== undefined && (!Array.isArray(types) || types.some((type) => typeof type !== 'string'))) throw new TypeError('types must be an array of strings');
    if (types?.length === 0 || until <= after) return [];
    const params: unknown[] = [after, until];
    if (tenantId !== undefined) params.push(tenantId);
    if (types !== undefined) params.push(...types);
    const rows = this.statements(tenantId !== undefined, types?.length).all(maxCount, ...params) as LeanRow[];
    const events = new Array<LeanEvent>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      events[i] = {
        position: row[0],
        type: row[1],
        data: decodeJson(row[2]),
        tenantId: row[3],
        recordedAt: row[4],
        schemaVersion: row[5] === null ? undefined : decodeJson(row[5]),
      };
    }
    return events;
  }

  private statements(byTenant: boolean, typeCount: number | undefined): StatementsByLimit<unknown[]> {
    const shape = `${byTenant ? 't' : ''}:${typeCount ?? ''}`;
    let statements = this.byShape.get(shape);
    if (!statements) {
      const where = ['position > ?', 'position <= ?'];
      // Unary + keeps the planner on the primary key: a tenant or type index would return rows out of log order.
      if (byTenant) where.push('+tenant_id = ?');
      if (typeCount !== undefined) where.push(`+type IN (${new Array(typeCount).fill('?').join(', ')})`);
      statements = new StatementsByLimit<unknown[]>(
        this.db,
        `SELECT position, type, data, tenant_id, recorded_at, metadata -> '$.schemaVersion' FROM events WHERE ${where.join(' AND ')} ORDER BY position`,
        true,
      );
      this.byShape.set(shape, statements);
    }
    return statements;
  }
}
