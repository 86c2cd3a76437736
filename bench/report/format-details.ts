import { DatasetManifest } from '../datasets/dataset-cache';
import { LoadResult } from '../load/load-test';
import { ScenarioResults } from './targets';

const n = (value: number) => Math.round(value).toLocaleString('en');
const ms = (value: number) => (Number.isFinite(value) ? (value < 10 ? value.toFixed(2) : value.toFixed(1)) : 'n/a');
const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;

/** One line about a load: rate, latencies, failures. */
export function describeLoad(load: LoadResult): string {
  const l = load.latency;
  const failures =
    load.non2xx + load.errors > 0 ? `, ${load.non2xx} non-2xx, ${load.errors} errors (${load.timeouts} timeouts)` : ', no failures';
  return `${n(load.okPerSecond)} ok/s over ${load.seconds.toFixed(1)} s, ${load.connections} conn.; latency p50 ${ms(l.p50)} / p95 ${ms(l.p95)} / p99 ${ms(l.p99)} / max ${ms(l.max)} ms (${n(l.samples)} answers)${failures}`;
}

/** Every figure measured, beyond the targets table, as text lines. */
export function formatDetails(results: ScenarioResults, datasets: readonly DatasetManifest[]): string[] {
  const out: string[] = [];
  for (const d of datasets) {
    out.push(
      `data set ${d.name}: ${n(d.events)} events, cycle ${d.cycleId}; generated ${d.generatedAt} in ${n(d.generationSeconds)} s (${n(d.generationEventsPerSecond)} events/s through the seed CLI), ${mb(d.storeBytes)}`,
    );
  }
  const c = results.ceilings;
  if (c) {
    out.push(
      `ceiling, raw better-sqlite3: ${n(c.sqlite.singleRowTransactionsPerSecond)} single-row FULL-sync transactions/s; ${n(c.sqlite.batchedRowsPerSecond)} rows/s batched (1,000/tx); ${n(c.sqlite.pointReadsPerSecond)} point reads/s; ${n(c.sqlite.scanRowsPerSecond)} rows/s scanned + JSON-decoded (${c.sqlite.rowJsonBytes} B of JSON per row)`,
    );
    out.push(`ceiling, empty Nest route: ${describeLoad(c.emptyRoute.checkInConnections)}`);
    out.push(`ceiling, empty Nest route: ${describeLoad(c.emptyRoute.alignmentConnections)}`);
    out.push(`ceiling, empty Nest app: peak RSS ${mb(c.emptyRoute.peakRss)}, up in ${c.emptyRoute.startupSeconds.toFixed(1)} s`);
  }
  const r = results.rebuild;
  if (r) {
    const own = r.rebuild.rebuildSeconds === undefined ? '' : `rebuildProjection ${r.rebuild.rebuildSeconds.toFixed(1)} s, `;
    out.push(
      `rebuild: ${n(r.rebuild.eventsPerSecond)} events/s (${own}whole CLI process ${r.rebuild.wallSeconds.toFixed(1)} s; peak RSS ${mb(r.rebuild.peakRss)}, sampled every 250 ms)`,
    );
  }
  const a = results.alignment;
  if (a) {
    out.push(`alignment (plain JSON): ${describeLoad(a.load)}`);
    if (a.gzipLoad)
      out.push(
        `alignment (Accept-Encoding: gzip): ${describeLoad(a.gzipLoad)}; ${(a.gzipLoad.meanResponseBytes / 1e6).toFixed(2)} MB per answer`,
      );
    for (const floor of a.payloadFloors ?? [])
      out.push(`floor, a ready-made ${(floor.bytes / 1e6).toFixed(2)} MB answer from a one-route Nest app: ${describeLoad(floor.load)}`);
    out.push(
      `alignment: ${n(a.treeNodes)} objectives in the tree (${a.objectives ?? '?'} reported), ${(a.responseBytes / 1e6).toFixed(2)} MB per answer, first request ${ms(a.firstRequestMs)} ms; API up in ${a.process.startupSeconds.toFixed(1)} s, peak RSS ${mb(a.process.peakRss)}`,
    );
  }
  const k = results.checkins;
  if (k) {
    out.push(`check-ins: ${describeLoad(k.load)}`);
    const lag =
      k.projectionLag.lagEvents === undefined
        ? 'unknown'
        : `${n(k.projectionLag.lagEvents)} events behind at the end, caught up in ${k.projectionLag.seconds!.toFixed(1)} s`;
    out.push(
      `check-ins: ${n(k.keyResults)} key results of ${k.sampledObjectives} objectives; read models ${lag}; API peak RSS ${mb(k.process.peakRss)}`,
    );
    if (k.cpu) {
      const threads = Object.entries(k.cpu.threadsMsPerCheckIn)
        .map(([name, ms]) => `${name} ${ms.toFixed(3)}`)
        .join(', ');
      out.push(
        `check-ins: API CPU ${k.cpu.msPerCheckIn.toFixed(3)} ms per check-in (${n(k.cpu.checkIns)} sent in the measured load; per thread: ${threads})`,
      );
    }
    for (const sample of k.load.errorSamples) out.push(`check-ins: error answer: ${sample}`);
  }
  const s = results.rss;
  if (s) {
    out.push(
      `rss: start-up with catch-up of ${n(s.catchUpEvents)} events ${s.process.startupSeconds.toFixed(1)} s (${n(s.catchUpEvents / s.process.startupSeconds)} events/s incl. process start)`,
    );
    out.push(`rss: ${s.process.marks.map((m) => `${m.label} ${mb(m.peakRss)} peak / ${mb(m.rss)} now`).join('; ')}`);
    out.push(`rss: alignment phase ${describeLoad(s.alignmentLoad)}`);
    out.push(`rss: check-in phase ${describeLoad(s.checkInLoad)}`);
  }
  return out;
}
