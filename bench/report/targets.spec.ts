import { LoadResult } from '../load/load-test';
import { formatRatio, formatTargetTable, formatValue } from './format-table';
import { MB, ScenarioResults, evaluateTargets } from './targets';

function load(fields: Partial<LoadResult> & { p95?: number; p99?: number }): LoadResult {
  return {
    client: 'autocannon',
    connections: 32,
    seconds: 20,
    responses: 1000,
    ok: 1000,
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    okPerSecond: 1000,
    latency: { samples: 1000, min: 1, mean: 5, p50: 4, p90: 8, p95: fields.p95 ?? 9, p99: fields.p99 ?? 20, max: 40 },
    statusCounts: { '201': 1000 },
    errorSamples: [],
    meanResponseBytes: 100,
    ...fields,
  };
}

const dataset = { events: 1_010_000 } as never;

const results: ScenarioResults = {
  ceilings: {
    sqlite: {
      singleRowTransactionsPerSecond: 3000,
      batchedRowsPerSecond: 80_000,
      pointReadsPerSecond: 200_000,
      scanRowsPerSecond: 300_000,
      rowJsonBytes: 500,
      rows: 1,
    },
    emptyRoute: {
      checkInConnections: load({ okPerSecond: 20_000, p99: 5 }),
      alignmentConnections: load({ connections: 4, okPerSecond: 20_000, p95: 0.5 }),
      peakRss: 100 * MB,
      startupSeconds: 0.5,
    },
  },
  rebuild: {
    dataset,
    rebuild: { dataset: 'x', events: 1_010_000, wallSeconds: 21, rebuildSeconds: 20, eventsPerSecond: 50_500, peakRss: 0, logFile: '' },
  },
  alignment: {
    dataset,
    cycleId: 'c',
    objectives: 10_000,
    treeNodes: 10_000,
    responseBytes: 9 * MB,
    firstRequestMs: 900,
    load: load({ connections: 4, p95: 120 }),
    process: { peakRss: 480 * MB } as never,
  },
  checkins: {
    dataset,
    keyResults: 1900,
    sampledObjectives: 500,
    objectivesInCycle: 10_000,
    load: load({ okPerSecond: 1200, p99: 90, non2xx: 3, statusCounts: { '201': 997, '409': 3 }, errorSamples: ['409 {"code":"x"}'] }),
    projectionLag: {},
    process: { peakRss: 640 * MB } as never,
  },
  rss: {
    dataset,
    catchUpEvents: 1_010_000,
    alignmentLoad: load({}),
    checkInLoad: load({}),
    projectionLag: {},
    peakRss: 350 * MB,
    process: { peakRss: 350 * MB } as never,
  },
};

describe('evaluateTargets', () => {
  const rows = evaluateTargets(results, { quick: false, millionEvents: 1_000_000 });
  const byId = Object.fromEntries(rows.map((r) => [r.id, r]));

  it('judges every target', () => {
    expect(rows.map((r) => [r.id, r.pass])).toEqual([
      ['rebuild-rate', true],
      ['alignment-p95', false],
      ['checkins-rate', false],
      ['checkins-p99', true],
      ['checkins-failures', false],
      ['peak-rss', true],
      ['process-peak-rss', false],
    ]);
  });

  it('sets each figure beside its ceiling', () => {
    expect(byId['rebuild-rate'].ratio).toBeCloseTo(50_500 / 300_000);
    expect(byId['alignment-p95'].ratio).toBeCloseTo(240);
    expect(byId['checkins-rate'].ceiling!.value).toBe(20_000);
    expect(byId['peak-rss'].ratio).toBeCloseTo(3.5);
    expect(byId['checkins-failures'].notes).toContain('3 × 409');
    expect(byId['process-peak-rss'].value).toBe(640);
    expect(byId['process-peak-rss'].notes).toEqual(['highest in the checkins scenario; alignment 480 MB, checkins 640 MB, rss 350 MB']);
  });

  it('flags a store smaller than the target size, and quick runs', () => {
    const small = evaluateTargets(
      { rebuild: { ...results.rebuild!, rebuild: { ...results.rebuild!.rebuild, events: 900_000 } } },
      { quick: false, millionEvents: 1_000_000 },
    );
    expect(small[0].notes.join()).toContain('fewer than 1,000,000');
    const quick = evaluateTargets(results, { quick: true, millionEvents: 0 });
    expect(quick[0].notes).toContain('quick run: not the target size');
  });

  it('gives no ratio without the ceilings', () => {
    const rows = evaluateTargets({ ...results, ceilings: undefined }, { quick: false, millionEvents: 1_000_000 });
    expect(rows.every((r) => r.ratio === undefined)).toBe(true);
  });
});

describe('formatting', () => {
  it('formats values by unit', () => {
    expect(formatValue(50_500.4, 'events/s')).toBe('50,500 events/s');
    expect(formatValue(4.321, 'ms')).toBe('4.32 ms');
    expect(formatValue(123.4, 'ms')).toBe('123 ms');
    expect(formatValue(NaN, 'ms')).toBe('n/a');
  });

  it('reads ratios as shares of ceilings or multiples of floors', () => {
    const rows = evaluateTargets(results, { quick: false, millionEvents: 1_000_000 });
    expect(formatRatio(rows[0])).toBe('16.8 % of ceiling');
    expect(formatRatio(rows[1])).toBe('240.0 × floor');
  });

  it('renders a table with PASS/FAIL and notes', () => {
    const table = formatTargetTable(evaluateTargets(results, { quick: false, millionEvents: 1_000_000 }), { quick: false });
    expect(table.split('\n')[0]).toMatch(/^figure\s+measured\s+target\s+result/);
    expect(table).toContain('FAIL');
    expect(table).toContain('    · 3 × 409');
    expect(formatTargetTable([], { quick: true })).toContain('QUICK RUN');
  });
});
