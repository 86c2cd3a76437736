import { choiceOption, parseCommandLine, requiredOption } from './arguments';
import { UsageError } from './cli-errors';

function run(argv: string[]) {
  const parsed = parseCommandLine(argv);
  if (parsed.kind !== 'run') throw new Error(`expected a command to run, got ${JSON.stringify(parsed)}`);
  return parsed;
}

function usageError(argv: string[]): UsageError {
  try {
    parseCommandLine(argv);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error(`no UsageError for ${argv.join(' ')}`);
}

describe('parseCommandLine', () => {
  it('reads a command with --option value, --option=value and flags', () => {
    const parsed = run(['replay', '--cycle', '2026 Q4', '--at=2026-02-15', '--json', '--data', '/tmp/x']);
    expect(parsed.command).toBe('replay');
    expect(Object.fromEntries(parsed.options)).toEqual({ cycle: '2026 Q4', at: '2026-02-15', data: '/tmp/x' });
    expect([...parsed.flags]).toEqual(['json']);
  });

  it('asks for help with no arguments, help, help <command>, --help, -h and <command> --help', () => {
    expect(parseCommandLine([])).toEqual({ kind: 'help' });
    expect(parseCommandLine(['help'])).toEqual({ kind: 'help' });
    expect(parseCommandLine(['--help'])).toEqual({ kind: 'help' });
    expect(parseCommandLine(['-h'])).toEqual({ kind: 'help' });
    expect(parseCommandLine(['help', 'diff'])).toEqual({ kind: 'help', command: 'diff' });
    expect(parseCommandLine(['export', '--help'])).toEqual({ kind: 'help', command: 'export' });
    expect(parseCommandLine(['verify', '-h'])).toEqual({ kind: 'help', command: 'verify' });
  });

  it('refuses unknown commands and options, naming them and the command', () => {
    expect(usageError(['replayy']).message).toBe('Unknown command "replayy"; the commands are replay, diff, timeseries, verify, export');
    expect(usageError(['--cycle', 'x']).message).toMatch(/^A command comes first/);
    const unknown = usageError(['verify', '--cycle', 'x']);
    expect(unknown.message).toBe('Unknown option --cycle for verify');
    expect(unknown.command).toBe('verify');
    expect(usageError(['help', 'nope']).message).toMatch(/^help takes one command name/);
  });

  it('refuses a missing or empty value, a value on a flag, a repeated option and stray arguments', () => {
    expect(usageError(['replay', '--cycle']).message).toBe('--cycle needs a value');
    expect(usageError(['replay', '--cycle', '--at', 'x']).message).toBe('--cycle needs a value');
    expect(usageError(['replay', '--cycle=']).message).toBe('--cycle needs a value');
    expect(usageError(['verify', '--json=yes']).message).toBe('--json takes no value');
    expect(usageError(['export', '--out', 'a', '--out', 'b']).message).toBe('--out is given twice');
    expect(usageError(['diff', 'Q4']).message).toBe('Unexpected argument "Q4": diff takes only --options');
  });

  it('checks required options and choices', () => {
    const parsed = run(['timeseries', '--interval', 'month']);
    expect(() => requiredOption(parsed, 'cycle')).toThrow(new UsageError('timeseries needs --cycle'));
    expect(() => choiceOption(parsed, 'interval', ['week', 'day'], 'week')).toThrow(
      new UsageError('--interval must be week or day (got "month")'),
    );
    expect(choiceOption(run(['timeseries']), 'interval', ['week', 'day'], 'week')).toBe('week');
    expect(choiceOption(run(['timeseries', '--interval', 'day']), 'interval', ['week', 'day'], 'week')).toBe('day');
  });
});
