/** The scenarios of a bench run, in the order they run. */
export const SCENARIOS = ['ceilings', 'rebuild', 'alignment', 'checkins', 'rss', 'verify', 'timeseries', 'point-in-time'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface BenchOptions {
  /** Scenarios to run (all by default), in run order. */
  only: Scenario[];
  /** Small data sets and short loads: a smoke run, not the target sizes. */
  quick: boolean;
  /** Regenerate the cached data sets this run uses. */
  fresh: boolean;
  /** Run the API and rebuild children under `node --cpu-prof` and print their top self-time functions. */
  profile: boolean;
  /** Keep the scratch copies of the stores (bench/.data/work/<run>) after the run. */
  keepWork: boolean;
  /** Override the measured duration of each load (seconds). */
  seconds?: number;
  help: boolean;
}

export const BENCH_USAGE = `Usage: npm run bench -- [--only ${SCENARIOS.join(',')}] [--quick] [--fresh] [--profile] [--seconds N] [--keep-work]

Builds the API, generates (or reuses) demo data sets under bench/.data/, runs the API as a child process
per scenario and measures it with autocannon; prints a table and writes bench/results.json.

  --only LIST   comma-separated scenarios to run (default: all): ${SCENARIOS.join(', ')}
  --quick       tiny data sets and short loads: a smoke run whose figures are NOT the target sizes
  --fresh       regenerate the cached data sets used by this run
  --profile     run the API / rebuild children under node --cpu-prof; print their top self-time functions
                (profiling slows them: figures of a profiled run are not comparable)
  --seconds N   measured duration of each load (default 20; 3 with --quick)
  --keep-work   keep the scratch store copies in bench/.data/work/ after the run
  --help        this text
`;

export class BenchOptionsError extends Error {}

/** Parses the bench's command line; unknown or malformed arguments are errors. */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { only: [...SCENARIOS], quick: false, fresh: false, profile: false, keepWork: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] =
      argv[i].startsWith('--') && argv[i].includes('=')
        ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)]
        : [argv[i], undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) throw new BenchOptionsError(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--quick':
        options.quick = true;
        break;
      case '--fresh':
        options.fresh = true;
        break;
      case '--profile':
        options.profile = true;
        break;
      case '--keep-work':
        options.keepWork = true;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      case '--only': {
        const wanted = value()
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const unknown = wanted.filter((s) => !(SCENARIOS as readonly string[]).includes(s));
        if (unknown.length > 0 || wanted.length === 0)
          throw new BenchOptionsError(`--only takes some of ${SCENARIOS.join(', ')} (got ${JSON.stringify(wanted.join(','))})`);
        options.only = SCENARIOS.filter((s) => wanted.includes(s));
        break;
      }
      case '--seconds': {
        const raw = value();
        const seconds = Number(raw);
        if (!/^\d+(\.\d+)?$/.test(raw) || seconds < 1 || seconds > 600)
          throw new BenchOptionsError(`--seconds must be a number from 1 to 600 (got ${JSON.stringify(raw)})`);
        options.seconds = seconds;
        break;
      }
      default:
        throw new BenchOptionsError(`unknown argument ${JSON.stringify(argv[i])}`);
    }
  }
  return options;
}
