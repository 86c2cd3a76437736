import 'reflect-metadata';
import { SqliteEventStore } from '@okr/event-store';
import { join, resolve } from 'node:path';
import { DemoSeedProgress, SEED_USAGE, SeedArgumentsError, formatCount, parseSeedArguments, storeHasOkrData, summaryLine } from '@okr/demo';
import { ConfigError, loadAppConfig, SqliteIdempotencyStore } from '@okr/platform';
import { DemoStoreNotEmptyError, runDemoSeed } from './run-demo-seed';

/** `npm run seed -- --teams 12 --objectives 60 --days 60 [--seed 42] [--data-dir ./data] [--force]` */
async function main(): Promise<number> {
  let args: ReturnType<typeof parseSeedArguments>;
  let config: ReturnType<typeof loadAppConfig>;
  try {
    args = parseSeedArguments(process.argv.slice(2));
    config = loadAppConfig(process.env);
  } catch (error) {
    if (error instanceof SeedArgumentsError || error instanceof ConfigError) {
      process.stderr.write(
        `${error instanceof ConfigError ? 'Invalid configuration' : 'Invalid arguments'}:\n${error.message}\n\n${SEED_USAGE}`,
      );
      return 2;
    }
    throw error;
  }
  if (args.help) {
    process.stdout.write(SEED_USAGE);
    return 0;
  }
  if (config.eventStore.kind !== 'sqlite') {
    process.stderr.write(
      'npm run seed writes the embedded store (okr.db); with EVENT_STORE=eventstoredb, start the API with OKR_DEMO=1 instead\n',
    );
    return 2;
  }
  const dataDir = args.dataDir !== undefined ? resolve(args.dataDir) : config.dataDir;
  const filePath = join(dataDir, 'okr.db');
  const eventStore = SqliteEventStore.open({ filePath });
  try {
    if (!args.force && (await storeHasOkrData(eventStore))) throw new DemoStoreNotEmptyError();
    process.stderr.write(`Seeding ${filePath}: ${args.teams} teams, ${args.objectives} objectives, ${args.days} days, seed ${args.seed}\n`);
    const { summary, generatedAdminToken } = await runDemoSeed({
      eventStore,
      idempotencyStore: new SqliteIdempotencyStore(eventStore.database),
      adminToken: config.adminToken,
      force: args.force,
      durable: args.durable,
      teams: args.teams,
      objectives: args.objectives,
      days: args.days,
      seed: args.seed,
      onProgress: progressPrinter(),
      progressIntervalMs: 1000,
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    process.stdout.write(`${summaryLine(summary)}\n`);
    process.stdout.write(
      `Cycle '${summary.cycle.name}' (${summary.cycle.startsOn} to ${summary.cycle.endsOn}) of ${summary.companyName}: id ${summary.cycle.id}\n`,
    );
    if (generatedAdminToken)
      process.stdout.write(`\nAdmin token for tenant 'default' (shown once, stored hashed):\n  ${generatedAdminToken}\n\n`);
    return 0;
  } catch (error) {
    if (error instanceof DemoStoreNotEmptyError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    await eventStore.close();
  }
}

/** On a terminal: one line rewritten in place; otherwise a line every 10 s. */
function progressPrinter(): (p: DemoSeedProgress) => void {
  const tty = process.stderr.isTTY === true;
  let lastLine = 0;
  return (p) => {
    const line = `  day ${p.day}/${p.days} · ${formatCount(p.events)} events · ${formatCount(p.eventsPerSecond)} events/s · ${(p.elapsedMs / 1000).toFixed(0)} s`;
    if (tty) process.stderr.write(`\r${line}\x1b[K`);
    else if (p.elapsedMs - lastLine >= 10_000) {
      lastLine = p.elapsedMs;
      process.stderr.write(`${line}\n`);
    }
  };
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`\nSeeding failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
