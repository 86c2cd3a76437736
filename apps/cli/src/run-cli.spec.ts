import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { CycleSummary, OkrBackend, TimeSeriesRequest, VerifyJson } from './backend';
import { CliError } from './cli-errors';
import type { Connection } from './connection';
import { runCli } from './run-cli';

const CYCLE: CycleSummary = { id: 'c1', name: '2026 Q1', startsOn: '2026-01-01', endsOn: '2026-03-31', status: 'open', closedAt: null };
const INTACT: VerifyJson = {
  ok: true,
  streamsChecked: 2,
  eventsChecked: 5,
  unchainedEvents: 0,
  brokenLinks: 0,
  firstBroken: null,
  headPosition: 5,
  seconds: 0.01,
};

/** A backend answering canned JSON, recording what it was asked. */
class FakeBackend implements OkrBackend {
  readonly description = 'fake';
  calls: string[] = [];
  closed = false;
  verifyAnswer: VerifyJson = INTACT;
  failure?: Error;
  async cycles() {
    if (this.failure) throw this.failure;
    return [CYCLE];
  }
  async alignmentAt(cycleId: string, at: string) {
    this.calls.push(`alignment ${cycleId} ${at}`);
    return { cycle: CYCLE, expected: 0.5, at, objectives: 0, roots: [] };
  }
  async diff(cycleId: string, from: string, to: string) {
    this.calls.push(`diff ${cycleId} ${from} ${to}`);
    return {
      cycleId,
      from,
      to,
      objectives: { added: [], archived: [], closed: [], realigned: [] },
      keyResults: { added: [], removed: [], targetChanged: [], weightChanged: [] },
      progress: [],
    };
  }
  async timeSeries(cycleId: string, request: TimeSeriesRequest) {
    this.calls.push(`timeseries ${cycleId} ${JSON.stringify(request)}`);
    return (async function* () {
      yield 'at,value\r\n';
      yield '2026-01-01,0\r\n';
    })();
  }
  async verify() {
    this.calls.push('verify');
    return this.verifyAnswer;
  }
  async exportEvents(cycleId: string, format: string) {
    this.calls.push(`export ${cycleId} ${format}`);
    return (async function* () {
      yield '{"position":1}\n';
      yield '{"position":2}\n';
    })();
  }
  async close() {
    this.closed = true;
  }
}

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  return { io: { stdout, stderr }, out: () => out, err: () => err };
}

async function cli(argv: string[], backend = new FakeBackend(), env: NodeJS.ProcessEnv = {}) {
  const streams = io();
  const connections: Connection[] = [];
  const code = await runCli(argv, env, streams.io, async (connection) => {
    connections.push(connection);
    return backend;
  });
  return { code, out: streams.out(), err: streams.err(), backend, connections };
}

describe('runCli', () => {
  it('prints help (exit 0) without opening anything', async () => {
    const general = await cli(['help']);
    expect(general.code).toBe(0);
    expect(general.out).toMatch(/^Usage: npm run okr -- <command> \[options\]/);
    for (const command of ['replay', 'diff', 'timeseries', 'verify', 'export']) expect(general.out).toContain(`  ${command} `);
    const one = await cli(['diff', '--help']);
    expect(one.out).toMatch(/^Usage: okr diff --cycle <name\|id> --from <date> --to <date>/);
    expect(one.connections).toEqual([]);
  });

  it('asks the backend the normalised question and closes it', async () => {
    const run = await cli(['replay', '--cycle', '2026 Q1', '--at', '2026-02-15', '--data', '/tmp/somewhere']);
    expect(run.code).toBe(0);
    expect(run.connections).toEqual([{ kind: 'embedded', dataDir: '/tmp/somewhere', tenantId: 'default' }]);
    expect(run.backend.calls).toEqual(['alignment c1 2026-02-15T00:00:00.000Z']);
    expect(run.out).toContain("Cycle '2026 Q1' (2026-01-01 to 2026-03-31, open) as it stood at 2026-02-15T00:00:00.000Z");
    expect(run.backend.closed).toBe(true);
    const json = await cli(['diff', '--cycle', 'c1', '--from', '2026-01-10', '--to', '2026-01-20T00:00:00Z', '--json']);
    expect(JSON.parse(json.out)).toMatchObject({ cycleId: 'c1', from: '2026-01-10T00:00:00.000Z', to: '2026-01-20T00:00:00.000Z' });
  });

  it('exits 2 with a message naming the option, before opening any store', async () => {
    const cases: [string[], string][] = [
      [['replay', '--cycle', 'c1'], 'Error: replay needs --at\nUsage: npm run okr -- help replay\n'],
      [
        ['diff', '--cycle', 'c1', '--from', '2026-02-01', '--to', '2026-01-01'],
        'Error: --to must be later than --from (2026-02-01T00:00:00.000Z is not before 2026-01-01T00:00:00.000Z)\nUsage: npm run okr -- help diff\n',
      ],
      [
        ['export', '--cycle', 'c1', '--format', 'xml'],
        'Error: --format must be jsonl or csv (got "xml")\nUsage: npm run okr -- help export\n',
      ],
      [
        ['verify', '--api', 'http://localhost:3000'],
        'Error: --api needs a bearer token: --token TOKEN or the OKR_TOKEN environment variable\nUsage: npm run okr -- help verify\n',
      ],
      [
        ['frobnicate'],
        'Error: Unknown command "frobnicate"; the commands are replay, diff, timeseries, verify, export\nUsage: npm run okr -- help\n',
      ],
    ];
    for (const [argv, message] of cases) {
      const run = await cli(argv);
      expect({ argv, code: run.code, err: run.err, opened: run.connections.length }).toEqual({ argv, code: 2, err: message, opened: 0 });
    }
    const unknownCycle = await cli(['replay', '--cycle', 'Q9', '--at', '2026-02-01']);
    expect(unknownCycle.code).toBe(2);
    expect(unknownCycle.err).toMatch(/^Error: --cycle "Q9" is neither the id nor the name of a cycle; the cycles are:\n {2}2026 Q1 /);
  });

  it('exits 3 when verify finds a broken link, 0 when every link holds', async () => {
    expect((await cli(['verify'])).code).toBe(0);
    const tampered = new FakeBackend();
    tampered.verifyAnswer = {
      ...INTACT,
      ok: false,
      brokenLinks: 1,
      firstBroken: { streamId: 'objective-o1', revision: 2, position: 4, reason: 'hash_mismatch' },
    };
    const run = await cli(['verify'], tampered);
    expect(run.code).toBe(3);
    expect(run.out).toContain('First broken link: stream objective-o1, revision 2 (position 4): hash_mismatch');
  });

  it('exits 1 on failures: the message only, the stack only with --debug', async () => {
    const expected = new FakeBackend();
    expected.failure = new CliError('Cannot reach the API at http://x/api: ECONNREFUSED');
    const known = await cli(['export', '--cycle', 'c1'], expected);
    expect({ code: known.code, err: known.err }).toEqual({ code: 1, err: 'Error: Cannot reach the API at http://x/api: ECONNREFUSED\n' });
    expect(expected.closed).toBe(true);

    const broken = new FakeBackend();
    broken.failure = new TypeError('boom');
    const plain = await cli(['export', '--cycle', 'c1'], broken);
    expect({ code: plain.code, err: plain.err }).toEqual({ code: 1, err: 'Error: boom (--debug shows where)\n' });
    const debug = await cli(['export', '--cycle', 'c1', '--debug'], broken);
    expect(debug.code).toBe(1);
    expect(debug.err).toMatch(/^Error: TypeError: boom\n {4}at /);
  });

  it('writes export and time-series files to --out, or to stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'okr-cli-'));
    try {
      const file = join(dir, 'events.jsonl');
      const run = await cli(['export', '--cycle', '2026 Q1', '--out', file]);
      expect(run.code).toBe(0);
      expect(run.out).toBe('');
      expect(readFileSync(file, 'utf8')).toBe('{"position":1}\n{"position":2}\n');
      const series = await cli(['timeseries', '--cycle', 'c1', '--interval', 'day']);
      expect(series.backend.calls).toEqual(['timeseries c1 {"interval":"day","format":"csv"}']);
      const ranged = await cli(['timeseries', '--cycle', 'c1', '--format', 'json', '--from', '2026-01-10', '--to', '2026-02-01']);
      expect(ranged.backend.calls).toEqual([
        'timeseries c1 {"interval":"week","format":"json","from":"2026-01-10T00:00:00.000Z","to":"2026-02-01T00:00:00.000Z"}',
      ]);
      expect(series.out).toBe('at,value\r\n2026-01-01,0\r\n');
      const unwritable = await cli(['export', '--cycle', 'c1', '--out', join(dir, 'missing', 'x.csv')]);
      expect(unwritable.code).toBe(1);
      expect(unwritable.err).toMatch(/^Error: Cannot write --out .*missing\/x\.csv: ENOENT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
