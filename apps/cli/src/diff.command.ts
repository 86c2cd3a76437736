import { jsonOutput } from './output';
import { requiredOption } from './arguments';
import { ExitCode } from './exit-codes';
import { parseInstant } from './instant-argument';
import { renderCycleDiff } from './render-cycle-diff';
import { ProgressBar } from './progress-bar';
import { resolveCycle } from './resolve-cycle';
import { UsageError } from './cli-errors';
import { CliCommand } from './command';

/** `diff --cycle <name|id> --from <date> --to <date> [--json]` (GET /api/cycles/:id/diff). */
export const diffCommand: CliCommand = {
  usage: `okr diff --cycle <name|id> --from <date> --to <date> [--json]
  What changed in the cycle between two instants, each as recorded then: objectives added, archived, closed,
  realigned; key results added, removed, re-targeted, re-weighted (who, when, why); progress, rollup and
  status per objective. --json prints the API's answer (GET /api/cycles/:id/diff) instead.`,
  prepare(args) {
    const cycle = requiredOption(args, 'cycle');
    const from = parseInstant('from', requiredOption(args, 'from'), args.command);
    const to = parseInstant('to', requiredOption(args, 'to'), args.command);
    if (!(Date.parse(from) < Date.parse(to)))
      throw new UsageError(`--to must be later than --from (${from} is not before ${to})`, args.command);
    return async (backend, io) => {
      const bar = new ProgressBar(io.stderr, 'Replaying');
      const progress = bar.update.bind(bar);
      let found;
      let diff;
      try {
        found = resolveCycle(await backend.cycles(progress), cycle, args.command);
        diff = await backend.diff(found.id, from, to, progress);
      } finally {
        bar.finish();
      }
      io.stdout.write(args.flags.has('json') ? jsonOutput(diff) : renderCycleDiff(diff, found.name));
      return ExitCode.ok;
    };
  },
};
