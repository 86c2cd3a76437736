import { SEED_DEFAULTS, SeedArgumentsError, parseSeedArguments } from './seed-arguments';

function problems(argv: string[]): readonly string[] {
  try {
    parseSeedArguments(argv);
  } catch (error) {
    if (error instanceof SeedArgumentsError) return error.problems;
    throw error;
  }
  throw new Error('expected a SeedArgumentsError');
}

describe('parseSeedArguments', () => {
  it('has defaults', () => {
    expect(parseSeedArguments([])).toEqual({ ...SEED_DEFAULTS, force: false, durable: false, help: false });
    expect(SEED_DEFAULTS).toEqual({ teams: 12, objectives: 60, days: 60, seed: 42 });
  });

  it('reads every option, as `--name value` or `--name=value`', () => {
    expect(
      parseSeedArguments([
        '--teams',
        '100',
        '--objectives=2000',
        '--days',
        '30',
        '--seed=7',
        '--data-dir',
        '/tmp/x',
        '--force',
        '--durable',
      ]),
    ).toEqual({
      teams: 100,
      objectives: 2000,
      days: 30,
      seed: 7,
      dataDir: '/tmp/x',
      force: true,
      durable: true,
      help: false,
    });
    expect(parseSeedArguments(['--help']).help).toBe(true);
    expect(parseSeedArguments(['-h']).help).toBe(true);
  });

  it.each([
    [['--teams', '2'], '--teams must be an integer from 3 to 10000 (got "2")'],
    [['--teams', '12.5'], '--teams must be an integer from 3 to 10000 (got "12.5")'],
    [['--objectives', '0'], '--objectives must be an integer from 1 to 200000 (got "0")'],
    [['--objectives', 'many'], '--objectives must be an integer from 1 to 200000 (got "many")'],
    [['--days', '400'], '--days must be an integer from 1 to 366 (got "400")'],
    [['--days=-3'], '--days must be an integer from 1 to 366 (got "-3")'],
    [['--seed', '1e3'], '--seed must be an integer from 0 to 4294967295 (got "1e3")'],
    [['--teams'], '--teams needs a value'],
    [['--teams', '--force'], '--teams needs a value'],
    [['--data-dir='], '--data-dir must not be empty'],
    [['--force=yes'], '--force takes no value'],
    [['--colour'], 'unknown argument "--colour"'],
    [['12'], 'unknown argument "12"'],
    [['--days', '5', '--days', '6'], '--days is given more than once'],
  ])('rejects %j', (argv, message) => {
    expect(problems(argv)).toEqual([message]);
  });

  it('reports every problem at once', () => {
    const error = problems(['--teams', '1', '--days', 'x', '--what']);
    expect(error).toHaveLength(3);
  });
});
