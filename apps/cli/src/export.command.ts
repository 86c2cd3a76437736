import { choiceOption, requiredOption } from './arguments';
import { ExportFormat } from './backend';
import { ExitCode } from './exit-codes';
import { openOutFile, writeChunks } from './output';
import { ProgressBar } from './progress-bar';
import { resolveCycle } from './resolve-cycle';
import { CliCommand } from './command';

const FORMATS: readonly ExportFormat[] = ['jsonl', 'csv'];

/** `export --cycle <name|id> [--format jsonl|csv] [--out FILE]` (GET /api/cycles/:id/events), streamed. */
export const exportCommand: CliCommand = {
  usage: `okr export --cycle <name|id> [--format jsonl|csv] [--out FILE]
  Every event of the cycle with its metadata, in log order, as JSON Lines (default) or CSV, to FILE or stdout;
  streamed page by page, never held in memory whole.`,
  prepare(args) {
    const cycle = requiredOption(args, 'cycle');
    const format = choiceOption(args, 'format', FORMATS, 'jsonl');
    const out = args.options.get('out');
    return async (backend, io) => {
      const bar = new ProgressBar(io.stderr, 'Exporting');
      try {
        const { id } = resolveCycle(await backend.cycles((done, total, unit) => bar.update(done, total, unit)), cycle, args.command);
        // Asked first: a refused request leaves no empty --out file behind.
        const chunks = await backend.exportEvents(id, format, (done, total, unit) => bar.update(done, total, unit));
        await writeChunks(chunks, out === undefined ? io.stdout : await openOutFile(out));
      } finally {
        bar.finish();
      }
      return ExitCode.ok;
    };
  },
};
