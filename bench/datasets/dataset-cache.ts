import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_ADMIN_TOKEN, DatasetSpec } from '../config/bench-plan';
import { removeDir, storeBytes } from '../support/files';
import { NodeChild } from '../support/node-child';
import { hashSources } from '../support/source-hash';
import { APP_DIST_DIR, APP_ENTRYPOINTS, DATASET_CACHE_DIR, GENERATOR_SOURCE_DIRS, REPO_ROOT } from '../support/paths';
import { datasetDirName, datasetKey, seedArguments } from './dataset-key';

/** What the cache knows about a generated data set (bench/.data/datasets/<name>-<key>/manifest.json). */
export interface DatasetManifest {
  name: string;
  key: string;
  spec: DatasetSpec;
  generatorHash: string;
  /** When it was generated: the demo's last simulated day, two thirds through its cycle. */
  generatedAt: string;
  /** How: the seed CLI, i.e. the real command handlers, deciders and event store. */
  generator: string;
  events: number;
  cycleId: string;
  generationSeconds: number;
  /** Events per second of the whole seed run (process start to exit). */
  generationEventsPerSecond: number;
  /** The seed CLI's summary line. */
  seedSummary: string;
  storeBytes: number;
}

export interface Dataset {
  manifest: DatasetManifest;
  /** Directory holding okr.db (never written to by the bench: scenarios work on copies). */
  dir: string;
  /** True when this run generated it. */
  generated: boolean;
}

const GENERATOR =
  'the seed CLI (apps/api/src/seed.main.ts, as npm run seed): real command handlers and event store, default batched commits';

/**
 * Generates demo data sets through the seed CLI and caches them by generator key, so reruns reuse them.
 * `fresh` regenerates (once per run and key).
 */
export class DatasetCache {
  private readonly runs = new Map<string, Promise<Dataset>>();
  private hash?: string;

  constructor(private readonly options: { fresh: boolean; logDir: string; say: (line: string) => void }) {}

  ensure(spec: DatasetSpec): Promise<Dataset> {
    const key = datasetKey(spec, this.generatorHash());
    let run = this.runs.get(key);
    if (!run) {
      run = this.load(spec, key);
      this.runs.set(key, run);
    }
    return run;
  }

  private generatorHash(): string {
    this.hash ??= hashSources(REPO_ROOT, GENERATOR_SOURCE_DIRS);
    return this.hash;
  }

  private async load(spec: DatasetSpec, key: string): Promise<Dataset> {
    const dir = join(DATASET_CACHE_DIR, datasetDirName(spec, key));
    this.pruneStale(spec, key);
    if (!this.options.fresh) {
      const manifest = readManifest(dir);
      if (manifest && manifest.key === key) {
        this.options.say(
          `data set ${manifest.name}: cached (${manifest.events.toLocaleString('en')} events, generated ${manifest.generatedAt})`,
        );
        await migrateEventStore(join(dir, 'okr.db'), (line) => this.options.say(`data set ${manifest.name}: ${line}`));
        return { manifest, dir, generated: false };
      }
    }
    return this.generate(spec, key, dir);
  }

  /** Removes cached versions of this data set made by other generator sources, and half-made ones. */
  private pruneStale(spec: DatasetSpec, key: string): void {
    if (!existsSync(DATASET_CACHE_DIR)) return;
    const current = datasetDirName(spec, key);
    for (const entry of readdirSync(DATASET_CACHE_DIR)) {
      const sameName = entry.startsWith(`${spec.name}-`) && /^[0-9a-f]{12}(\.partial-\d+)?$/.test(entry.slice(spec.name.length + 1));
      if (sameName && entry !== current) {
        this.options.say(`data set ${spec.name}: removing stale cache entry ${entry}`);
        removeDir(join(DATASET_CACHE_DIR, entry));
      }
    }
  }

  private async generate(spec: DatasetSpec, key: string, dir: string): Promise<Dataset> {
    const partial = `${dir}.partial-${process.pid}`;
    removeDir(partial);
    mkdirSync(partial, { recursive: true });
    const args = [...seedArguments(spec), '--data-dir', partial];
    this.options.say(`data set ${spec.name}: generating with the seed CLI (${args.slice(0, -2).join(' ')}); progress every 10 s`);
    const started = performance.now();
    const child = NodeChild.spawn({
      script: APP_ENTRYPOINTS.seed,
      args,
      env: { OKR_ADMIN_TOKEN: BENCH_ADMIN_TOKEN, LOG_LEVEL: 'warn' },
      logFile: join(this.options.logDir, `seed-${spec.name}.log`),
      onStderr: (chunk) => {
        for (const line of chunk.split(/\r?\n|\r/)) if (line.trim()) this.options.say(`  seed: ${line.trim()}`);
      },
    });
    await child.succeeded(`Seeding ${spec.name}`);
    const seconds = (performance.now() - started) / 1000;
    const cycleId = /: id ([0-9a-f-]{36})\s*$/m.exec(child.stdout)?.[1];
    if (!cycleId) throw new Error(`The seed CLI did not print the cycle id\n  ${child.describeOutput()}`);
    const events = countEvents(join(partial, 'okr.db'));
    const manifest: DatasetManifest = {
      name: spec.name,
      key,
      spec,
      generatorHash: this.generatorHash(),
      generatedAt: new Date().toISOString(),
      generator: GENERATOR,
      events,
      cycleId,
      generationSeconds: Math.round(seconds * 10) / 10,
      generationEventsPerSecond: Math.round(events / seconds),
      seedSummary: child.stdout.split('\n').find((line) => line.startsWith('Seeded')) ?? '',
      storeBytes: storeBytes(partial),
    };
    writeFileSync(join(partial, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    removeDir(dir);
    renameSync(partial, dir);
    this.options.say(
      `data set ${spec.name}: ${events.toLocaleString('en')} events in ${manifest.generationSeconds} s (${manifest.generationEventsPerSecond.toLocaleString('en')} events/s)`,
    );
    return { manifest, dir, generated: true };
  }
}

function readManifest(dir: string): DatasetManifest | undefined {
  try {
    if (!existsSync(join(dir, 'okr.db'))) return undefined;
    return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as DatasetManifest;
  } catch {
    return undefined;
  }
}

/** Events in a closed event store (read-only). */
export function countEvents(filePath: string): number {
  const db = new Database(filePath, { readonly: true, fileMustExist: true });
  try {
    return Number(db.prepare('SELECT COUNT(*) FROM events').pluck().get());
  } finally {
    db.close();
  }
}

/**
 * Brings a cached data set's event store to the schema of the application under test (its pending migrations, as
 * they would run on a user's store when the API starts), so that every scenario's copy starts migrated: the
 * figures are then never those of a migration. Opening a store already at that schema changes nothing.
 */
async function migrateEventStore(file: string, say: (line: string) => void): Promise<void> {
  interface Store {
    close(): Promise<void>;
  }
  // The application's compiled event store (the bench's own build of it), loaded at run time.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SqliteEventStore } = require(join(APP_DIST_DIR, 'libs/event-store/src/index.js')) as {
    SqliteEventStore: { open(options: { filePath: string }): Store };
  };
  const before = schemaVersionOf(file);
  const started = performance.now();
  await SqliteEventStore.open({ filePath: file }).close();
  const after = schemaVersionOf(file);
  if (after !== before)
    say(`event store migrated from schema ${before} to ${after} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

function schemaVersionOf(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT max(version) FROM schema_migrations WHERE component = 'event-store'`).pluck().get() as number | null) ?? 0;
  } finally {
    db.close();
  }
}
