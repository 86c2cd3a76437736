import { ExitCode } from './exit-codes';
import { ProgressBar } from './progress-bar';
import { renderVerifyReport } from './render-verify-report';
import { CliCommand } from './command';

/** `verify [--json]`: re-checks every hash link of the tenant's streams (GET /api/audit/verify). Exit 3 when one is broken. */
export const verifyCommand: CliCommand = {
  usage: `okr verify [--json]
  Tamper evidence: re-checks the SHA-256 hash chain of every stream of the tenant and reports the counts and
  the first broken link (stream, revision, position, reason). Exit 0 when every link holds, 3 when one is
  broken. --json prints the API's answer (GET /api/audit/verify) instead (its "seconds" vary).`,
  prepare(args) {
    return async (backend, io) => {
      const bar = new ProgressBar(io.stderr, 'Verifying');
      let report;
      try {
        report = await backend.verify((done, total, unit) => bar.update(done, total, unit));
      } finally {
        bar.finish();
      }
      io.stdout.write(args.flags.has('json') ? `${JSON.stringify(report, null, 2)}\n` : renderVerifyReport(report));
      return report.firstBroken === null ? ExitCode.ok : ExitCode.broken;
    };
  },
};
