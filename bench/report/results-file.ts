import { writeFileSync } from 'node:fs';
import { BenchOptions } from '../cli/bench-options';
import { BenchPlan } from '../config/bench-plan';
import { DatasetManifest } from '../datasets/dataset-cache';
import { MachineInfo } from '../support/machine-info';
import { ScenarioResults, TargetRow } from './targets';

/** bench/results.json. */
export interface BenchResultsFile {
  schema: 1;
  /** A quick run's figures are not the target sizes. */
  quick: boolean;
  /** A profiled run's figures are slowed by the profiler. */
  profiled: boolean;
  startedAt: string;
  finishedAt: string;
  durationSeconds: number;
  machine: MachineInfo & { loadAverageAtEnd: number[] };
  /** The application measured: the bench's private build, and the hash of its sources around the run. */
  build: { appDir: string; builtAt: string; sourcesHashAtStart: string; sourcesHashAtEnd: string; sourcesChangedDuringRun: boolean };
  options: Pick<BenchOptions, 'only' | 'fresh' | 'seconds' | 'profile'>;
  plan: BenchPlan;
  datasets: DatasetManifest[];
  summary: { targets: number; passed: number; failed: number; scenarioFailures: number };
  targets: TargetRow[];
  scenarios: ScenarioResults;
  failures: { scenario: string; error: string }[];
}

/** Writes the results as indented JSON (NaN and Infinity become null). */
export function writeResultsFile(path: string, results: BenchResultsFile): void {
  writeFileSync(
    path,
    `${JSON.stringify(results, (_key, value) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2)}\n`,
  );
}
