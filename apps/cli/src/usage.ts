import { CommandName } from './arguments';
import { COMMAND_TABLE } from './command-table';

const CONNECTION = `Where the answers come from (every command):
  --data DIR       the embedded store's directory (default OKR_DATA_DIR, else ./data), read directly and
                   read-only: safe next to a running API
  --tenant ID      the tenant read from the embedded store (default: default)
  --api URL        a running API instead, e.g. http://localhost:3000
  --token TOKEN    its bearer token (default: the OKR_TOKEN environment variable)
  --debug          print stack traces of unexpected failures
Dates: YYYY-MM-DD (00:00 UTC that day) or an ISO-8601 timestamp with a timezone, e.g. 2026-03-01T09:30:00Z.
Exit codes: 0 done, 1 failed, 2 bad command line, 3 verify found a broken link.`;

/** The general help: every command in one line, then the options they share. */
export function generalUsage(): string {
  const commands = Object.values(COMMAND_TABLE)
    .map((command) => `  ${command.usage.split('\n')[0].replace(/^okr /, '')}`)
    .join('\n');
  return `Usage: npm run okr -- <command> [options]     (or: node dist/apps/cli/src/main.js <command> [options])

The analyst CLI of the OKR platform: point-in-time replays, diffs, time series, tamper checks and exports,
on the embedded store or against a running API.

Commands:
${commands}
  help [command]

${CONNECTION}
`;
}

/** The help of one command. */
export function commandUsage(command: CommandName): string {
  return `Usage: ${COMMAND_TABLE[command].usage}\n\n${CONNECTION}\n`;
}
