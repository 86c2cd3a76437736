import { UsageError } from './cli-errors';

export const COMMANDS = ['replay', 'diff', 'timeseries', 'verify', 'export'] as const;
export type CommandName = (typeof COMMANDS)[number];

/** Options every command takes: where the data is, who asks, how failures are shown. */
export const GLOBAL_OPTIONS = {
  data: 'value',
  api: 'value',
  token: 'value',
  tenant: 'value',
  debug: 'flag',
  help: 'flag',
} as const;

/** The options of each command besides the global ones: 'value' takes an argument, 'flag' does not. */
export const COMMAND_OPTIONS: Record<CommandName, Record<string, 'value' | 'flag'>> = {
  replay: { cycle: 'value', at: 'value', json: 'flag' },
  diff: { cycle: 'value', from: 'value', to: 'value', json: 'flag' },
  timeseries: { cycle: 'value', interval: 'value', format: 'value', from: 'value', to: 'value', out: 'value' },
  verify: { json: 'flag' },
  export: { cycle: 'value', format: 'value', out: 'value' },
};

export type ParsedCommandLine =
  | { kind: 'help'; command?: CommandName }
  | { kind: 'run'; command: CommandName; options: ReadonlyMap<string, string>; flags: ReadonlySet<string> };

export function isCommand(name: string): name is CommandName {
  return (COMMANDS as readonly string[]).includes(name);
}

/**
 * Parses `<command> [--option value | --option=value | --flag]…`. `help [command]`, `--help` and `-h` ask
 * for help. Unknown commands or options, missing values, repeated options and stray arguments are
 * UsageErrors naming what is wrong.
 */
export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h') return { kind: 'help' };
  if (first === 'help') {
    if (rest.length === 0) return { kind: 'help' };
    if (rest.length === 1 && isCommand(rest[0])) return { kind: 'help', command: rest[0] };
    throw new UsageError(`help takes one command name (${COMMANDS.join(', ')}); got ${rest.map((a) => JSON.stringify(a)).join(' ')}`);
  }
  if (!isCommand(first)) {
    throw new UsageError(
      first.startsWith('-')
        ? `A command comes first (${COMMANDS.join(', ')}); got option ${first}`
        : `Unknown command ${JSON.stringify(first)}; the commands are ${COMMANDS.join(', ')}`,
    );
  }
  const command = first;
  const known: Record<string, 'value' | 'flag'> = { ...GLOBAL_OPTIONS, ...COMMAND_OPTIONS[command] };
  const options = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '-h') {
      flags.add('help');
      continue;
    }
    if (!arg.startsWith('--') || arg === '--')
      throw new UsageError(`Unexpected argument ${JSON.stringify(arg)}: ${command} takes only --options`, command);
    const equals = arg.indexOf('=');
    const name = arg.slice(2, equals === -1 ? undefined : equals);
    const kind = known[name];
    if (kind === undefined) throw new UsageError(`Unknown option --${name} for ${command}`, command);
    if (options.has(name) || flags.has(name)) throw new UsageError(`--${name} is given twice`, command);
    if (kind === 'flag') {
      if (equals !== -1) throw new UsageError(`--${name} takes no value`, command);
      flags.add(name);
      continue;
    }
    let value: string | undefined;
    if (equals !== -1) value = arg.slice(equals + 1);
    else {
      value = rest[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`, command);
      i++;
    }
    if (value.trim() === '') throw new UsageError(`--${name} needs a value`, command);
    options.set(name, value);
  }
  if (flags.has('help')) return { kind: 'help', command };
  return { kind: 'run', command, options, flags };
}

/** A required option's value, or a UsageError naming it. */
export function requiredOption(parsed: { command: CommandName; options: ReadonlyMap<string, string> }, name: string): string {
  const value = parsed.options.get(name);
  if (value === undefined) throw new UsageError(`${parsed.command} needs --${name}`, parsed.command);
  return value;
}

/** An option whose value must be one of `choices` (default when absent). */
export function choiceOption<T extends string>(
  parsed: { command: CommandName; options: ReadonlyMap<string, string> },
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const value = parsed.options.get(name);
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value))
    throw new UsageError(`--${name} must be ${choices.join(' or ')} (got ${JSON.stringify(value)})`, parsed.command);
  return value as T;
}
