import 'reflect-metadata';
import { verifyHashChains } from '@okr/event-store';
import { loadConfigOrExit, openBackends, runCommandLine } from '@okr/platform';

/** Exit codes: 0 every chain holds, 2 bad arguments, 3 a broken link was found, 1 the verification failed. */
const EXIT_BROKEN = 3;
const EXIT_USAGE = 2;

const USAGE = `Usage: node dist/apps/api/src/audit/verify.main.js [--tenant ID]
Verifies the hash chain of every stream of the configured event store (EVENT_STORE, OKR_DATA_DIR…), or of one
tenant's streams. Progress goes to stderr, the report (JSON) to stdout. Exit 0: intact; 3: a broken link.
`;

function parseArguments(argv: string[]): { tenantId?: string; help: boolean } {
  const parsed: { tenantId?: string; help: boolean } = { help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') parsed.help = true;
    else if (arg === '--tenant') {
      const value = argv[++i];
      if (!value || value.startsWith('--')) throw new Error('--tenant needs a tenant id');
      parsed.tenantId = value;
    } else throw new Error(`Unknown argument ${JSON.stringify(arg)}`);
  }
  return parsed;
}

/**
 * Verifies the tamper-evidence hash chains of the event log (the same check as GET /api/audit/verify, over
 * every tenant unless --tenant), reading the configured event store directly. Prints a "Done:" line with the
 * rate, like the rebuild CLI, which the benchmark reads.
 */
async function main(): Promise<number> {
  let args: ReturnType<typeof parseArguments>;
  try {
    args = parseArguments(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const config = loadConfigOrExit();
  const stores = await openBackends(config);
  try {
    const head = await stores.eventStore.headPosition();
    process.stderr.write(
      `Verifying the hash chains of ${head} events${args.tenantId ? ` (tenant ${args.tenantId})` : ''} in ${stores.describe.eventStore}\n`,
    );
    const started = performance.now();
    let lastPrint = 0;
    const report = await verifyHashChains(stores.eventStore, {
      tenantId: args.tenantId,
      onProgress: (p) => {
        const now = Date.now();
        if (now - lastPrint < 500 && p.position < p.headPosition) return;
        lastPrint = now;
        const percent = p.headPosition ? ((100 * p.position) / p.headPosition).toFixed(1) : '100.0';
        process.stderr.write(`\r  ${p.position}/${p.headPosition} (${percent} %), ${p.eventsChecked} events checked   `);
      },
    });
    const seconds = (performance.now() - started) / 1000;
    process.stderr.write(
      `\nDone: ${report.eventsChecked} events in ${seconds.toFixed(2)} s (${Math.round(report.eventsChecked / Math.max(seconds, 1e-9)).toLocaleString('en')} events/s); ` +
        `${report.streamsChecked} streams, ${report.unchainedEvents} without a stored hash, ${report.brokenLinks} broken link(s)\n`,
    );
    process.stdout.write(
      `${JSON.stringify({ ok: report.firstBroken === null, ...report, seconds: Number(seconds.toFixed(3)) }, null, 2)}\n`,
    );
    return report.firstBroken === null ? 0 : EXIT_BROKEN;
  } finally {
    await stores.close();
  }
}

runCommandLine(main, 'Verification failed');
