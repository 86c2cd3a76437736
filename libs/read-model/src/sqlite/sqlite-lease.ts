import { Database, Statement } from 'better-sqlite3';
import { LeaseRequest, LeaseState } from '../read-model.port';
import { validateLeaseName, validateLeaseOwner, validateLeaseRequest } from '../internal/lease-rules';

/**
 * Leases of the SQLite read-model store, in the table `leases(name, owner, expires_at)` (see
 * READ_MODEL_MIGRATIONS). Acquiring is one guarded upsert — it lands when the lease is free, expired
 * (`expires_at <= now`) or already the caller's — and the read-back of the holder, both in one IMMEDIATE
 * transaction: SQLite's write lock serialises them across every connection (and process) on the file, so of
 * concurrent callers exactly one gets an expired or free lease, and each sees the holder that refused it.
 */
export class SqliteLeases {
  private readonly upsert: Statement<[{ name: string; owner: string; expiresAt: number; now: number }]>;
  private readonly select: Statement<[string]>;
  private readonly remove: Statement<[string, string]>;
  private readonly acquireTransaction: (request: LeaseRequest, expiresAt: number) => LeaseState;

  constructor(db: Database) {
    this.upsert = db.prepare(
      `INSERT INTO leases (name, owner, expires_at) VALUES (:name, :owner, :expiresAt)
       ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
       WHERE leases.owner = excluded.owner OR leases.expires_at <= :now`,
    );
    this.select = db.prepare('SELECT owner, expires_at AS expiresAt FROM leases WHERE name = ?');
    this.remove = db.prepare('DELETE FROM leases WHERE name = ? AND owner = ?');
    const transaction = db.transaction((request: LeaseRequest, expiresAt: number): LeaseState => {
      const { name, owner, now } = request;
      const granted = this.upsert.run({ name, owner, expiresAt, now }).changes > 0;
      const row = this.select.get(name) as { owner: string; expiresAt: number } | undefined;
      return { acquired: granted, holder: row?.owner ?? null, expiresAt: row?.expiresAt ?? null };
    });
    this.acquireTransaction = (request, expiresAt) => transaction.immediate(request, expiresAt);
  }

  acquire(request: LeaseRequest): LeaseState {
    const expiresAt = validateLeaseRequest(request);
    return this.acquireTransaction(request, expiresAt);
  }

  release(name: string, owner: string): void {
    validateLeaseName(name);
    validateLeaseOwner(owner);
    this.remove.run(name, owner);
  }
}
