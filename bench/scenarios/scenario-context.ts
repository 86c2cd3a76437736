import { BenchOptions } from '../cli/bench-options';
import { BenchPlan } from '../config/bench-plan';
import { DatasetCache } from '../datasets/dataset-cache';
import { RebuiltStores } from './rebuilt-stores';

/** What every scenario of one run shares. */
export interface ScenarioContext {
  plan: BenchPlan;
  options: BenchOptions;
  datasets: DatasetCache;
  /** Per data set: a copy of its event log with read models rebuilt by the rebuild CLI (made once per run). */
  rebuilt: RebuiltStores;
  /** Scratch directory of this run (store copies); deleted at the end unless --keep-work. */
  workDir: string;
  /** Child process logs of this run. */
  logDir: string;
  /** With --profile: where CPU profiles go. */
  profileDir?: string;
  /** Progress lines (stderr). */
  say(line: string): void;
}
