import { DEMO_LIMITS, DemoSize } from './demo-plan';

export interface SeedArguments extends DemoSize {
  seed: number;
  /** --data-dir; undefined: OKR_DATA_DIR or ./data. */
  dataDir?: string;
  force: boolean;
  durable: boolean;
  help: boolean;
}

export const SEED_DEFAULTS = { teams: 12, objectives: 60, days: 60, seed: 42 } as const;

export const SEED_USAGE = `Usage: npm run seed -- [--teams N] [--objectives N] [--days N] [--seed N] [--data-dir DIR] [--force] [--durable]

Seeds a demo organisation into the embedded event store through the real command path, with a simulated
clock: a team tree, a cycle that today is two thirds through (it lasts 1.5 × --days), aligned objectives, key
results, initiatives, and --days days of check-ins and changes up to today.

  --teams N        teams in total, company included (${DEMO_LIMITS.teams.min}-${DEMO_LIMITS.teams.max}; default ${SEED_DEFAULTS.teams})
  --objectives N   objectives in total (${DEMO_LIMITS.objectives.min}-${DEMO_LIMITS.objectives.max}; default ${SEED_DEFAULTS.objectives})
  --days N         simulated days up to today (${DEMO_LIMITS.days.min}-${DEMO_LIMITS.days.max}; default ${SEED_DEFAULTS.days})
  --seed N         random seed, 0-4294967295 (default ${SEED_DEFAULTS.seed}); the same seed gives the same data
  --data-dir DIR   store directory (default: OKR_DATA_DIR, else ./data)
  --force          seed even if the store already has OKR data
  --durable        keep synchronous=FULL while seeding (slower; by default NORMAL while seeding)
  --help           this text
`;

export class SeedArgumentsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'SeedArgumentsError';
  }
}

type Numeric = 'teams' | 'objectives' | 'days' | 'seed';
const NUMERIC: Record<string, Numeric> = { '--teams': 'teams', '--objectives': 'objectives', '--days': 'days', '--seed': 'seed' };
const RANGES: Record<Numeric, { min: number; max: number }> = { ...DEMO_LIMITS, seed: { min: 0, max: 4_294_967_295 } };

/** Parses `--name value` and `--name=value` arguments; every problem is reported at once. */
export function parseSeedArguments(argv: readonly string[]): SeedArguments {
  const result: SeedArguments = { ...SEED_DEFAULTS, force: false, durable: false, help: false };
  const problems: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    if (seen.has(name)) problems.push(`${name} is given more than once`);
    seen.add(name);
    if (name === '--force' || name === '--durable' || name === '--help' || name === '-h') {
      if (inline !== undefined) problems.push(`${name} takes no value`);
      else if (name === '--force') result.force = true;
      else if (name === '--durable') result.durable = true;
      else result.help = true;
      continue;
    }
    if (name !== '--data-dir' && !(name in NUMERIC)) {
      problems.push(`unknown argument ${JSON.stringify(arg)}`);
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) {
        problems.push(`${name} needs a value`);
        continue;
      }
      value = next;
      i++;
    }
    if (name === '--data-dir') {
      if (value.trim() === '') problems.push('--data-dir must not be empty');
      else result.dataDir = value;
      continue;
    }
    const key = NUMERIC[name];
    const { min, max } = RANGES[key];
    const parsed = /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max)
      problems.push(`${name} must be an integer from ${min} to ${max} (got ${JSON.stringify(value)})`);
    else result[key] = parsed;
  }
  if (problems.length > 0) throw new SeedArgumentsError(problems);
  return result;
}
