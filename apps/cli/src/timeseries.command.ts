import { choiceOption, requiredOption } from './arguments';
import { TimeSeriesFormat, TimeSeriesInterval, TimeSeriesRequest } from './backend';
import { UsageError } from './cli-errors';
import { ExitCode } from './exit-codes';
import { parseInstant } from './instant-argument';
import { openOutFile, writeChunks } from './output';
import { ProgressBar } from './progress-bar';
import { resolveCycle } from './resolve-cycle';
import { CliCommand } from './command';

const INTERVALS: readonly TimeSeriesInterval[] = ['week', 'day'];
const FORMATS: readonly TimeSeriesFormat[] = ['csv', 'json'];

/** `timeseries --cycle <name|id> [--interval week|day] [--format csv|json] [--from D] [--to D] [--out FILE]` (GET /api/cycles/:id/timeseries). */
export const timeSeriesCommand: CliCommand = {
  usage: `okr timeseries --cycle <name|id> [--interval week|day] [--format csv|json] [--from <date>] [--to <date>] [--out FILE]
  Progress of every objective and key result at each interval boundary of the cycle (effective time: a
  backdated check-in counts from its effective date), as CSV (default; one row per boundary and entity) or the
  API's JSON, to FILE or stdout. --interval defaults to week; --from/--to keep the boundaries between them.`,
  prepare(args) {
    const cycle = requiredOption(args, 'cycle');
    const request: TimeSeriesRequest = {
      interval: choiceOption(args, 'interval', INTERVALS, 'week'),
      format: choiceOption(args, 'format', FORMATS, 'csv'),
    };
    const from = args.options.get('from');
    const to = args.options.get('to');
    if (from !== undefined) request.from = parseInstant('from', from, args.command);
    if (to !== undefined) request.to = parseInstant('to', to, args.command);
    if (request.from !== undefined && request.to !== undefined && Date.parse(request.from) > Date.parse(request.to)) {
      throw new UsageError(`--to must not be earlier than --from (${request.to} is before ${request.from})`, args.command);
    }
    const out = args.options.get('out');
    return async (backend, io) => {
      const bar = new ProgressBar(io.stderr, 'Reading the log');
      try {
        const { id } = resolveCycle(await backend.cycles((done, total, unit) => bar.update(done, total, unit)), cycle, args.command);
        // Asked first: a refused request leaves no empty --out file behind.
        const chunks = await backend.timeSeries(id, request, (done, total, unit) => bar.update(done, total, unit));
        bar.finish();
        await writeChunks(chunks, out === undefined ? io.stdout : await openOutFile(out));
      } finally {
        bar.finish();
      }
      return ExitCode.ok;
    };
  },
};
