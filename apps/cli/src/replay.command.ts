import { jsonOutput } from './output';
import { requiredOption } from './arguments';
import { ExitCode } from './exit-codes';
import { parseInstant } from './instant-argument';
import { renderAlignmentTree } from './render-alignment-tree';
import { ProgressBar } from './progress-bar';
import { resolveCycle } from './resolve-cycle';
import { CliCommand } from './command';

/** `replay --cycle <name|id> --at <date> [--json]`: the alignment tree as it stood (GET /api/cycles/:id/alignment?asOf=). */
export const replayCommand: CliCommand = {
  usage: `okr replay --cycle <name|id> --at <date> [--json]
  The cycle's alignment tree as the system knew it at that instant, replayed from the events recorded by then:
  one line per objective (title, owner, team, progress, rollup, status by pace at that instant, confidence).
  --json prints the API's answer (GET /api/cycles/:id/alignment?asOf=) instead.`,
  prepare(args) {
    const cycle = requiredOption(args, 'cycle');
    const at = parseInstant('at', requiredOption(args, 'at'), args.command);
    return async (backend, io) => {
      const bar = new ProgressBar(io.stderr, 'Replaying');
      const progress = bar.update.bind(bar);
      let answer;
      try {
        const { id } = resolveCycle(await backend.cycles(progress), cycle, args.command);
        answer = await backend.alignmentAt(id, at, progress);
      } finally {
        bar.finish();
      }
      io.stdout.write(args.flags.has('json') ? jsonOutput(answer) : renderAlignmentTree(answer));
      return ExitCode.ok;
    };
  },
};
