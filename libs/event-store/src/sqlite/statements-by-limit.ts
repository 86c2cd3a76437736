import { BUDGET } from '@okr/budget';
import type { Database, Statement } from 'better-sqlite3';

/**
 * Prepared statements of one query whose LIMIT is written into the SQL rather than bound: on this SQLite
 * build (better-sqlite3 12, STAT4) a bound `LIMIT ?` costs ~15 µs more per execution than a literal one —
 * three times the cost of a query that finds nothing new, which the hot paths run on every request. Each
 * distinct limit (an integer; -1: none) gets its own statement, up to a few; then `LIMIT ?` is bound.
 */
export class StatementsByLimit<Params extends unknown[]> {
  private readonly byLimit = new Map<number, Statement<Params>>();
  private fallback?: Statement<[...Params, number]>;

  /** `sql` ends just before its LIMIT clause; `raw`: rows as arrays. */
  constructor(
    private readonly db: Database,
    private readonly sql: string,
    private readonly raw: boolean,
  ) {}

  all(limit: number, ...params: Params): unknown[] {
    if (!Number.isSafeInteger(limit)) throw new RangeError(`Invalid limit ${limit}`);
    let statement = this.byLimit.get(limit);
    if (!statement) {
      if (this.byLimit.size >= BUDGET.eventStore.limitStatements) {
        this.fallback ??= this.prepare<[...Params, number]>(`${this.sql} LIMIT ?`);
        return this.fallback.all(...params, limit);
      }
      statement = this.prepare<Params>(`${this.sql} LIMIT ${limit}`);
      this.byLimit.set(limit, statement);
    }
    return statement.all(...params);
  }

  private prepare<P extends unknown[]>(sql: string): Statement<P> {
    const statement = this.db.prepare<P>(sql);
    return this.raw ? statement.raw() : statement;
  }
}
