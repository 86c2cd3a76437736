import BetterSqlite3 from 'better-sqlite3';
import { StatementsByLimit } from './statements-by-limit';

describe('StatementsByLimit', () => {
  const db = new BetterSqlite3(':memory:');
  db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY, s TEXT)');
  const insert = db.prepare('INSERT INTO t (n, s) VALUES (?, ?)');
  for (let n = 1; n <= 50; n++) insert.run(n, `row ${n}`);
  afterAll(() => db.close());

  it('applies each limit, -1 meaning none, with the parameters bound in order', () => {
    const rows = new StatementsByLimit<[number]>(db, 'SELECT n FROM t WHERE n > ? ORDER BY n', true);
    expect(rows.all(3, 10)).toEqual([[11], [12], [13]]);
    expect(rows.all(-1, 47)).toEqual([[48], [49], [50]]);
    expect(rows.all(0, 0)).toEqual([]);
  });

  it('still answers exactly past the number of distinct limits it prepares statements for', () => {
    const rows = new StatementsByLimit<[number]>(db, 'SELECT n, s FROM t WHERE n > ? ORDER BY n', false);
    for (let limit = 1; limit <= 40; limit++) {
      const got = rows.all(limit, 5) as { n: number }[];
      expect(got.map((row) => row.n)).toEqual(Array.from({ length: limit }, (_, i) => 6 + i));
    }
  });

  it('refuses a limit that is not an integer (it is written into the SQL)', () => {
    const rows = new StatementsByLimit<[number]>(db, 'SELECT n FROM t WHERE n > ? ORDER BY n', true);
    expect(() => rows.all(1.5, 0)).toThrow(RangeError);
    expect(() => rows.all(Number.NaN, 0)).toThrow(RangeError);
  });
});
