import { LogLevel } from '@nestjs/common';
import { EventStore, SqliteEventStore } from '@okr/event-store';
import { DemoSeedSummary, SeededIdGenerator, demoCalendar, storeHasOkrData } from '@okr/demo';
import { createApiApp } from './create-api-app';
import { DemoSeedOptions, seedDemo } from './demo/demo-seeder';
import { IdempotencyStore, ManualClock } from '@okr/platform';

export class DemoStoreNotEmptyError extends Error {
  constructor() {
    super(
      'The event store already holds OKR data (a cycle exists); not seeding a demo into it. Use --force to add one anyway, or another --data-dir.',
    );
    this.name = 'DemoStoreNotEmptyError';
  }
}

export interface RunDemoSeedOptions extends DemoSeedOptions {
  eventStore: EventStore;
  idempotencyStore: IdempotencyStore;
  /** OKR_ADMIN_TOKEN: the default tenant's admin, ensured like at server start. */
  adminToken?: string;
  /** Seed even if the store already has OKR data. */
  force?: boolean;
  /**
   * Keep `synchronous = FULL` on the embedded store while seeding. By default seeding relaxes it to NORMAL
   * (still crash-safe in WAL mode; only an OS crash or power cut can lose the last writes — which a re-run
   * of the seed would redo) and restores the previous setting afterwards.
   */
  durable?: boolean;
  logLevels?: LogLevel[] | false;
}

export interface RunDemoSeedResult {
  summary: DemoSeedSummary;
  /** The admin token when this run created the admin without OKR_ADMIN_TOKEN (shown once). */
  generatedAdminToken?: string;
}

/**
 * Seeds a demo organisation: builds a separate application on the given stores with a ManualClock and
 * deterministic ids, runs the seeder through its command bus, and closes the application (not the stores).
 * Refuses a store that already has OKR data unless `force`.
 */
export async function runDemoSeed(options: RunDemoSeedOptions): Promise<RunDemoSeedResult> {
  const { eventStore, idempotencyStore } = options;
  if (!options.force && (await storeHasOkrData(eventStore))) throw new DemoStoreNotEmptyError();
  const now = options.now ?? new Date();
  const calendar = demoCalendar(options.days, now);
  const clock = new ManualClock(`${calendar.startsOn}T07:00:00.000Z`);
  // The head position keeps ids of a forced second run apart from the first's, and a fresh store deterministic.
  const ids = new SeededIdGenerator(`okr-demo:${options.seed}:${await eventStore.headPosition()}`);
  const restoreSync = options.durable ? () => undefined : relaxSync(eventStore);
  const batch = options.durable ? undefined : WriteBatch.on(eventStore);
  try {
    const { app, generatedAdminToken } = await createApiApp({
      eventStore,
      idempotencyStore,
      clock,
      ids,
      // The seeding application only writes: projections are left to the application (or projector) that serves reads.
      projector: 'external',
      adminToken: options.adminToken,
      logLevels: options.logLevels ?? ['error', 'warn'],
    });
    try {
      const summary = await seedDemo(app, clock, { ...options, now, afterCommand: batch ? () => batch.tick() : undefined });
      batch?.finish();
      return { summary, ...(generatedAdminToken ? { generatedAdminToken } : {}) };
    } finally {
      await app.close();
    }
  } finally {
    batch?.abort();
    restoreSync();
  }
}

/**
 * Groups the appends of many commands into one SQLite transaction (the store's own transactions become
 * savepoints inside it), committed every `intervalMs`: the same events, far fewer commits.
 */
class WriteBatch {
  private open = false;
  private openedAt = 0;

  private constructor(
    private readonly db: SqliteEventStore['database'],
    private readonly intervalMs: number,
  ) {}

  static on(store: EventStore, intervalMs = 200): WriteBatch | undefined {
    if (!(store instanceof SqliteEventStore)) return undefined;
    const batch = new WriteBatch(store.database, intervalMs);
    batch.begin();
    return batch;
  }

  private begin(): void {
    this.db.exec('BEGIN IMMEDIATE');
    this.open = true;
    this.openedAt = Date.now();
  }

  tick(): void {
    if (Date.now() - this.openedAt < this.intervalMs) return;
    this.db.exec('COMMIT');
    this.begin();
  }

  finish(): void {
    if (!this.open) return;
    this.open = false;
    this.db.exec('COMMIT');
  }

  abort(): void {
    if (!this.open) return;
    this.open = false;
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }
}

function relaxSync(store: EventStore): () => void {
  if (!(store instanceof SqliteEventStore)) return () => undefined;
  const db = store.database;
  const previous = db.pragma('synchronous', { simple: true });
  db.pragma('synchronous = NORMAL');
  return () => {
    if (db.open) db.pragma(`synchronous = ${Number(previous)}`);
  };
}
