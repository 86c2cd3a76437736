import { AlignmentResult } from '../scenarios/alignment.scenario';
import { CeilingsResult } from '../scenarios/ceilings.scenario';
import { CheckInsResult } from '../scenarios/checkins.scenario';
import { RebuildResult } from '../scenarios/rebuild.scenario';
import { RssResult } from '../scenarios/rss.scenario';
import { PointInTimeResult } from '../scenarios/point-in-time.scenario';
import { TimeSeriesResult } from '../scenarios/timeseries.scenario';
import { VerifyResult } from '../scenarios/verify.scenario';

/** The figures of one run, by scenario (absent when not run, or failed). */
export interface ScenarioResults {
  ceilings?: CeilingsResult;
  rebuild?: RebuildResult;
  alignment?: AlignmentResult;
  checkins?: CheckInsResult;
  rss?: RssResult;
  verify?: VerifyResult;
  timeseries?: TimeSeriesResult;
  'point-in-time'?: PointInTimeResult;
}

export type Unit = 'events/s' | 'ms' | 'req/s' | 'MB' | 'count';

/** One product target, judged, beside the machine's ceiling measured in the same run. */
export interface TargetRow {
  id:
    | 'rebuild-rate'
    | 'alignment-p95'
    | 'checkins-rate'
    | 'checkins-p99'
    | 'checkins-failures'
    | 'peak-rss'
    | 'process-peak-rss'
    | 'verify-rate'
    | 'timeseries-weekly'
    | 'pit-alignment'
    | 'pit-objective';
  figure: string;
  value: number;
  unit: Unit;
  target: { comparator: '>=' | '<='; value: number };
  pass: boolean;
  ceiling?: { label: string; value: number };
  /**
   * value / ceiling. For rates: the share of the ceiling reached (≤ 1 expected). For latencies and memory:
   * how many times the floor (> 1 expected).
   */
  ratio?: number;
  ratioKind?: 'share' | 'times';
  notes: string[];
}

/** 1 MB = 10^6 bytes (decimal, the stricter reading of "400 MB"). */
export const MB = 1_000_000;

function judge(value: number, target: TargetRow['target']): boolean {
  return Number.isFinite(value) && (target.comparator === '>=' ? value >= target.value : value <= target.value);
}

function row(fields: Omit<TargetRow, 'pass' | 'ratio'>): TargetRow {
  const ratio = fields.ceiling && fields.ceiling.value > 0 ? fields.value / fields.ceiling.value : undefined;
  return { ...fields, pass: judge(fields.value, fields.target), ratio };
}

/**
 * The product issue's targets, judged from the figures, each beside its ceiling when the ceilings ran:
 * - rebuild ≥ 50,000 events/s over 1,000,000 events — vs raw SQLite reading every event row in order with
 *   its JSON decoded (a rebuild can be no faster; the raw batched insert rate is reported beside it);
 * - alignment p95 ≤ 50 ms — vs the empty Nest route's p95 at the same concurrency;
 * - check-ins ≥ 1,500/s — vs the empty route's rate at 32 connections (raw single-row synchronous=FULL
 *   transactions per second in a note: the cap of one fsync per append, which a group commit lifts);
 * - check-ins p99 ≤ 100 ms — vs the empty route's p99 at 32 connections; and no failed check-in;
 * - peak RSS ≤ 400 MB with ~1,000,000 events — vs the empty Nest app's peak RSS.
 */
export function evaluateTargets(results: ScenarioResults, options: { quick: boolean; millionEvents: number }): TargetRow[] {
  const rows: TargetRow[] = [];
  const c = results.ceilings;
  const sizeNotes = (events: number) => {
    const notes: string[] = [];
    if (options.quick) notes.push('quick run: not the target size');
    else if (events < options.millionEvents)
      notes.push(`store holds ${events.toLocaleString('en')} events, fewer than ${options.millionEvents.toLocaleString('en')}`);
    return notes;
  };

  if (results.rebuild) {
    const r = results.rebuild.rebuild;
    const ceiling = c?.sqlite.scanRowsPerSecond;
    const notes = sizeNotes(r.events);
    if (r.rebuildSeconds === undefined) notes.push('CLI gave no "Done:" line: whole-process wall time used');
    if (c)
      notes.push(
        `raw batched inserts into an events-shaped table: ${Math.round(c.sqlite.batchedRowsPerSecond).toLocaleString('en')} rows/s`,
      );
    rows.push(
      row({
        id: 'rebuild-rate',
        figure: `projection rebuild, ${r.events.toLocaleString('en')} events`,
        value: r.eventsPerSecond,
        unit: 'events/s',
        target: { comparator: '>=', value: 50_000 },
        ceiling: ceiling === undefined ? undefined : { label: 'raw SQLite scan + JSON decode of event rows', value: ceiling },
        ratioKind: 'share',
        notes,
      }),
    );
  }

  if (results.alignment) {
    const a = results.alignment;
    // The figure: as browsers ask (Accept-Encoding: gzip…); the plain-JSON figure is reported beside it.
    const measured = a.gzipLoad ?? a.load;
    const notes = options.quick ? ['quick run: not the target size'] : [];
    for (const l of [a.load, a.gzipLoad]) if (l && l.non2xx + l.errors > 0) notes.push(`${l.non2xx} non-2xx, ${l.errors} errors`);
    if (a.gzipLoad) {
      notes.push(
        `${a.gzipLoad.latency.samples} requests with Accept-Encoding: gzip, ${(a.gzipLoad.meanResponseBytes / MB).toFixed(2)} MB each`,
      );
      notes.push(
        `plain JSON (no Accept-Encoding): p95 ${a.load.latency.p95.toFixed(1)} ms over ${a.load.latency.samples} requests, ${(a.responseBytes / MB).toFixed(1)} MB each`,
      );
    } else notes.push(`${a.load.latency.samples} requests, ${(a.responseBytes / MB).toFixed(1)} MB each`);
    rows.push(
      row({
        id: 'alignment-p95',
        figure: `GET alignment, ${a.treeNodes.toLocaleString('en')} objectives, ${measured.connections} conn.${a.gzipLoad ? ', gzip' : ''}, p95`,
        value: measured.latency.p95,
        unit: 'ms',
        target: { comparator: '<=', value: 50 },
        ceiling:
          alignmentFloor(a) ??
          (c
            ? {
                label: `empty Nest route p95, ${c.emptyRoute.alignmentConnections.connections} conn.`,
                value: c.emptyRoute.alignmentConnections.latency.p95,
              }
            : undefined),
        ratioKind: 'times',
        notes,
      }),
    );
  }

  if (results.checkins) {
    const k = results.checkins;
    const size = sizeNotes(k.dataset.events);
    const rawSync = c
      ? [
          `raw single-row FULL-sync transactions: ${Math.round(c.sqlite.singleRowTransactionsPerSecond).toLocaleString('en')}/s (the store may group commits)`,
        ]
      : [];
    const ceiling = c
      ? {
          label: `empty Nest route, ${c.emptyRoute.checkInConnections.connections} conn.`,
          value: c.emptyRoute.checkInConnections.okPerSecond,
        }
      : undefined;
    rows.push(
      row({
        id: 'checkins-rate',
        figure: `check-ins over HTTP, ${k.load.connections} conn.`,
        value: k.load.okPerSecond,
        unit: 'req/s',
        target: { comparator: '>=', value: 1500 },
        ceiling,
        ratioKind: 'share',
        notes: [...size, ...rawSync, `${k.keyResults.toLocaleString('en')} key results`],
      }),
    );
    rows.push(
      row({
        id: 'checkins-p99',
        figure: `check-ins p99, ${k.load.connections} conn.`,
        value: k.load.latency.p99,
        unit: 'ms',
        target: { comparator: '<=', value: 100 },
        ceiling: c
          ? {
              label: `empty Nest route p99, ${c.emptyRoute.checkInConnections.connections} conn.`,
              value: c.emptyRoute.checkInConnections.latency.p99,
            }
          : undefined,
        ratioKind: 'times',
        notes: size,
      }),
    );
    const failures = k.load.non2xx + k.load.errors;
    const failureNotes = Object.entries(k.load.statusCounts)
      .filter(([status]) => !status.startsWith('2'))
      .map(([status, n]) => `${n} × ${status}`);
    if (k.load.timeouts) failureNotes.push(`${k.load.timeouts} timeouts`);
    rows.push(
      row({
        id: 'checkins-failures',
        figure: 'check-ins not answered 2xx (non-2xx + errors)',
        value: failures,
        unit: 'count',
        target: { comparator: '<=', value: 0 },
        notes: [...failureNotes, ...k.load.errorSamples.slice(0, 2)],
      }),
    );
  }

  if (results.rss) {
    const s = results.rss;
    rows.push(
      row({
        id: 'peak-rss',
        figure: `API peak RSS (VmHWM), ${s.catchUpEvents.toLocaleString('en')} events: catch-up + loads`,
        value: s.peakRss / MB,
        unit: 'MB',
        target: { comparator: '<=', value: 400 },
        ceiling: c ? { label: 'empty Nest app peak RSS', value: c.emptyRoute.peakRss / MB } : undefined,
        ratioKind: 'times',
        notes: sizeNotes(s.catchUpEvents),
      }),
    );
  }

  if (results.verify) {
    const v = results.verify;
    const notes = sizeNotes(v.events);
    if (v.unchainedEvents > 0)
      notes.push(`${v.unchainedEvents.toLocaleString('en')} events without a stored hash (recomputed all the same)`);
    rows.push(
      row({
        id: 'verify-rate',
        figure: `hash-chain verification on one thread, ${v.events.toLocaleString('en')} events`,
        value: v.eventsPerSecond,
        unit: 'events/s',
        target: { comparator: '>=', value: 100_000 },
        ceiling: c ? { label: 'raw SQLite scan + JSON decode of event rows', value: c.sqlite.scanRowsPerSecond } : undefined,
        ratioKind: 'share',
        notes,
      }),
    );
  }
  if (results.timeseries) {
    const t = results.timeseries;
    rows.push(
      row({
        id: 'timeseries-weekly',
        figure: `weekly time series of the cycle (${t.weekly.boundaries} boundaries), first request (the whole log folded; the same after a restart), ${t.dataset.events.toLocaleString('en')} events`,
        value: t.weekly.firstMs,
        unit: 'ms',
        target: { comparator: '<=', value: 10_000 },
        notes: [
          ...sizeNotes(t.dataset.events),
          `asked again: ${Math.round(t.weekly.againMs)} ms; as CSV: first ${Math.round(t.weeklyCsv.firstMs)} ms; daily: first ${Math.round(t.daily.firstMs)} ms`,
        ],
      }),
    );
  }
  const pit = results['point-in-time'];
  if (pit) {
    const worst = (timings: { firstMs: number }[]) => Math.max(...timings.map((t) => t.firstMs));
    const listed = (timings: { fraction: number; firstMs: number; againMs: number }[]) =>
      timings
        .map((t) => `at ${Math.round(t.fraction * 100)} %: first ${Math.round(t.firstMs)} ms, again ${Math.round(t.againMs)} ms`)
        .join('; ');
    const notes = [
      ...sizeNotes(pit.dataset.events),
      `snapshots warmed by one question at the data set's end first: ${Math.round(pit.warmUp.ms)} ms`,
      `API process peak RSS (all threads, VmHWM) over the scenario: ${Math.round(pit.process.peakRss / MB)} MB`,
    ];
    rows.push(
      row({
        id: 'pit-alignment',
        figure: `alignment asOf a date, first question at that date (worst of ${pit.alignment.length}), ${pit.dataset.events.toLocaleString('en')} events`,
        value: worst(pit.alignment),
        unit: 'ms',
        target: { comparator: '<=', value: 2000 },
        notes: [...notes, listed(pit.alignment)],
      }),
      row({
        id: 'pit-objective',
        figure: `one objective asOf a date, first question at that date, p95 of ${pit.objectiveSample.samples} (${pit.objectiveSample.objectives} objectives × 3 dates)`,
        value: pit.objectiveSample.p95,
        unit: 'ms',
        target: { comparator: '<=', value: 2000 },
        notes: [
          `p50 ${pit.objectiveSample.p50.toFixed(1)} ms, max ${pit.objectiveSample.max.toFixed(1)} ms`,
          `the root objective: ${listed(pit.objective)}`,
        ],
      }),
    );
  }
  const apiProcesses = (
    [
      ['alignment', results.alignment?.process],
      ['checkins', results.checkins?.process],
      ['rss', results.rss?.process],
      ['timeseries', results.timeseries?.process],
      ['point-in-time', results['point-in-time']?.process],
    ] as const
  ).filter((entry): entry is [(typeof entry)[0], NonNullable<(typeof entry)[1]>] => entry[1] !== undefined);
  if (apiProcesses.length > 0) {
    const [scenario, peak] = apiProcesses.reduce((top, entry) => (entry[1].peakRss > top[1].peakRss ? entry : top));
    rows.push(
      row({
        id: 'process-peak-rss',
        figure: `peak RSS of the whole API process (all threads, VmHWM), highest of the ${apiProcesses.length} API processes of the run`,
        value: peak.peakRss / MB,
        unit: 'MB',
        target: { comparator: '<=', value: 600 },
        notes: [
          `highest in the ${scenario} scenario; ${apiProcesses.map(([name, p]) => `${name} ${Math.round(p.peakRss / MB)} MB`).join(', ')}`,
        ],
      }),
    );
  }
  return rows;
}

/** The p95 of a ready-made answer of the same size as the measured one (same connections), when measured. */
function alignmentFloor(a: AlignmentResult): { label: string; value: number } | undefined {
  const measured = a.gzipLoad ?? a.load;
  const floors = a.payloadFloors ?? [];
  const floor = a.gzipLoad ? floors[1] : floors[0];
  if (!floor) return undefined;
  return {
    label: `the same ${(floor.bytes / 1e6).toFixed(2)} MB ready-made from a one-route Nest app, p95, ${measured.connections} conn.`,
    value: floor.load.latency.p95,
  };
}
