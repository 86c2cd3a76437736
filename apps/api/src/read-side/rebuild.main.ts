import 'reflect-metadata';
import { okrProjection, rebuildProjection } from '@okr/projections';
import { loadConfigOrExit, openBackends, runCommandLine, PROJECTOR_LEASE_NAME, leaseOwnerId } from '@okr/platform';
import { HeldLease, LeaseHeldElsewhereError } from './held-lease';

/** Exit code when a projector holds the lease: stop the projectors first. */
const EXIT_PROJECTOR_ACTIVE = 3;

/**
 * `npm run projections:rebuild`: rebuilds the read models from the whole event log into fresh
 * collections, showing progress (events done, rate, ETA), then swaps them in. Works on the configured
 * backends (EVENT_STORE, READ_STORE). It holds the projector lease while it runs, so no external projector
 * writes meanwhile (it refuses to start while one is active: stop the projectors first). An API with
 * PROJECTOR=embedded projects by itself, without the lease: stop it first.
 */
async function main(): Promise<number> {
  const config = loadConfigOrExit();
  const stores = await openBackends(config);
  const lease = new HeldLease(stores.readModelStore, PROJECTOR_LEASE_NAME, leaseOwnerId('rebuild'), config.projectorLeaseTtlMs);
  try {
    await lease.acquire();
    const head = await stores.eventStore.headPosition();
    process.stderr.write(
      `Rebuilding projection '${okrProjection.name}' v${okrProjection.version} from ${head} events (events: ${stores.describe.eventStore}; read models: ${stores.describe.readModels})\n`,
    );
    let lastPrint = 0;
    const result = await rebuildProjection(stores.eventStore, stores.readModelStore, okrProjection, {
      onProgress: (p) => {
        const now = Date.now();
        if (now - lastPrint < 500 && p.position < p.head) return;
        lastPrint = now;
        const percent = p.head ? ((100 * p.position) / p.head).toFixed(1) : '100.0';
        process.stderr.write(
          `\r  ${p.position}/${p.head} events (${percent} %), ${Math.round(p.eventsPerSecond).toLocaleString('en')} events/s, ETA ${Math.ceil(p.etaSeconds)} s   `,
        );
      },
    });
    if (lease.lost)
      process.stderr.write(
        `\nWarning: the projector lease was lost during the rebuild; a projector may have written meanwhile. Run the rebuild again with the projectors stopped.\n`,
      );
    process.stderr.write(
      `\nDone: ${result.events} events in ${result.seconds.toFixed(2)} s (${Math.round(result.events / Math.max(result.seconds, 1e-9)).toLocaleString('en')} events/s); read models at position ${result.position}\n`,
    );
    return lease.lost ? 1 : 0;
  } catch (error) {
    if (error instanceof LeaseHeldElsewhereError) {
      process.stderr.write(
        `A projector is active (${error.message}). Stop the projectors first (docker compose stop projector, or ` +
          `kubectl scale deployment/okr-projector --replicas=0), then run the rebuild again.\n`,
      );
      return EXIT_PROJECTOR_ACTIVE;
    }
    throw error;
  } finally {
    await lease.release();
    await stores.close();
  }
}

runCommandLine(main, 'Rebuild failed');
