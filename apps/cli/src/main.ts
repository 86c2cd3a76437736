import 'reflect-metadata';
import { runCli } from './run-cli';

/**
 * The analyst CLI (`npm run okr -- <command>`): replay, diff, timeseries, verify, export — on the embedded store
 * (read-only) or against a running API. See `npm run okr -- help` and docs/decisions/0015-analyst-cli.md.
 */
// A closed pipe (`… | head`) ends the output: not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

runCli(process.argv.slice(2), process.env, { stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
