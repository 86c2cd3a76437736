import 'reflect-metadata';
import { okrProjection, rebuildProjection } from '@okr/projections';
import { ConfigError, loadAppConfig } from '../config/app-config';
import { openEmbeddedStores } from './embedded-stores';

/**
 * `npm run projections:rebuild`: rebuilds the read models from the whole event log into fresh
 * collections, showing progress (events done, rate, ETA), then swaps them in. Stop the API first
 * (its embedded projector writes to the same read models).
 */
async function main(): Promise<void> {
  let dataDir: string;
  try {
    dataDir = loadAppConfig(process.env).dataDir;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Invalid configuration:\n${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const stores = openEmbeddedStores(dataDir);
  const head = await stores.eventStore.headPosition();
  process.stderr.write(`Rebuilding projection '${okrProjection.name}' v${okrProjection.version} from ${head} events in ${stores.paths.events}\n`);
  let lastPrint = 0;
  const result = await rebuildProjection(stores.eventStore, stores.readModelStore, okrProjection, {
    batchSize: 2000,
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
  process.stderr.write(
    `\nDone: ${result.events} events in ${result.seconds.toFixed(2)} s (${Math.round(result.events / Math.max(result.seconds, 1e-9)).toLocaleString('en')} events/s); read models at position ${result.position}\n`,
  );
  await stores.close();
}

main().catch((error) => {
  process.stderr.write(`Rebuild failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
