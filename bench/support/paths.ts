import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The repository root: the nearest directory above this file holding package.json and bench/. */
function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'bench'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No repository root above ${from}`);
  }
}

/** Where things are. This file runs from bench/support (ts, tests) or dist-bench/harness/support (compiled). */
export const REPO_ROOT = findRepoRoot(__dirname);

/**
 * The bench's own build of the application (`tsc -p tsconfig.build.json --outDir dist-bench/app`, made by
 * `npm run bench`): the same sources and compiler settings as dist/, but private, so a concurrent
 * `npm run build` (which empties dist/) cannot swap the code under a running bench.
 */
export const APP_DIST_DIR = join(REPO_ROOT, 'dist-bench/app');

/** The compiled application, run as child processes exactly as in production. */
export const APP_ENTRYPOINTS = {
  api: join(APP_DIST_DIR, 'apps/api/src/main.js'),
  seed: join(APP_DIST_DIR, 'apps/api/src/seed.main.js'),
  rebuild: join(APP_DIST_DIR, 'apps/api/src/read-side/rebuild.main.js'),
} as const;

/** The application's sources (tests excluded when hashed): the figures are of the build of these. */
export const APP_SOURCE_DIRS = [join(REPO_ROOT, 'apps'), join(REPO_ROOT, 'libs')] as const;

/** The bench's own child entry points (compiled next to this file's compiled form). */
export const BENCH_ENTRYPOINTS = {
  emptyNest: resolve(__dirname, '..', 'ceilings', 'empty-nest.main.js'),
  sqliteCeiling: resolve(__dirname, '..', 'ceilings', 'sqlite-ceiling.main.js'),
} as const;

/**
 * Sources whose hash keys the cached data sets: the demo generator (libs/demo), the API's seeder that turns its
 * actions into commands (apps/api/src/demo) and the seeding application's clock and ids (run-demo-seed.ts), and
 * the domain whose events it writes.
 */
export const GENERATOR_SOURCE_DIRS = [
  join(REPO_ROOT, 'libs/demo/src'),
  join(REPO_ROOT, 'apps/api/src/demo'),
  join(REPO_ROOT, 'apps/api/src/run-demo-seed.ts'),
  join(REPO_ROOT, 'libs/okr-domain/src'),
] as const;

export const BENCH_DATA_DIR = join(REPO_ROOT, 'bench/.data');
/** Cached data sets, one directory per generator key. */
export const DATASET_CACHE_DIR = join(BENCH_DATA_DIR, 'datasets');
/** Scratch copies of data sets for one run (deleted at the end unless --keep-work). */
export const WORK_ROOT_DIR = join(BENCH_DATA_DIR, 'work');
/** CPU profiles written with --profile. */
export const PROFILE_ROOT_DIR = join(BENCH_DATA_DIR, 'profiles');
export const RESULTS_FILE = join(REPO_ROOT, 'bench/results.json');
