import { existsSync, mkdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { BENCH_USAGE, BenchOptionsError, Scenario, parseBenchOptions } from './cli/bench-options';
import { FULL_PLAN, QUICK_PLAN } from './config/bench-plan';
import { DatasetCache, DatasetManifest } from './datasets/dataset-cache';
import { formatDetails } from './report/format-details';
import { formatTargetTable } from './report/format-table';
import { BenchResultsFile, writeResultsFile } from './report/results-file';
import { ScenarioResults, evaluateTargets } from './report/targets';
import { runAlignmentScenario } from './scenarios/alignment.scenario';
import { runCeilingsScenario } from './scenarios/ceilings.scenario';
import { runCheckInsScenario } from './scenarios/checkins.scenario';
import { runRebuildScenario } from './scenarios/rebuild.scenario';
import { RebuiltStores } from './scenarios/rebuilt-stores';
import { runRssScenario } from './scenarios/rss.scenario';
import { runPointInTimeScenario } from './scenarios/point-in-time.scenario';
import { runTimeSeriesScenario } from './scenarios/timeseries.scenario';
import { runVerifyScenario } from './scenarios/verify.scenario';
import { ScenarioContext } from './scenarios/scenario-context';
import { removeDir } from './support/files';
import { machineInfo } from './support/machine-info';
import {
  APP_DIST_DIR,
  APP_ENTRYPOINTS,
  APP_SOURCE_DIRS,
  BENCH_DATA_DIR,
  PROFILE_ROOT_DIR,
  REPO_ROOT,
  RESULTS_FILE,
  WORK_ROOT_DIR,
} from './support/paths';
import { hashSources } from './support/source-hash';

const RUNNERS: { [S in Scenario]: (ctx: ScenarioContext) => Promise<NonNullable<ScenarioResults[S]>> } = {
  ceilings: runCeilingsScenario,
  rebuild: runRebuildScenario,
  alignment: runAlignmentScenario,
  checkins: runCheckInsScenario,
  rss: runRssScenario,
  verify: runVerifyScenario,
  timeseries: runTimeSeriesScenario,
  'point-in-time': runPointInTimeScenario,
};

function say(line: string): void {
  const time = new Date().toISOString().slice(11, 19);
  process.stderr.write(`[bench ${time}] ${line}\n`);
}

/** `npm run bench -- [options]`: see BENCH_USAGE. Exit 0 when every scenario ran (targets may fail), 1 otherwise. */
async function main(): Promise<number> {
  let options: ReturnType<typeof parseBenchOptions>;
  try {
    options = parseBenchOptions(process.argv.slice(2));
  } catch (error) {
    if (error instanceof BenchOptionsError) {
      process.stderr.write(`${error.message}\n\n${BENCH_USAGE}`);
      return 2;
    }
    throw error;
  }
  if (options.help) {
    process.stdout.write(BENCH_USAGE);
    return 0;
  }
  for (const entry of Object.values(APP_ENTRYPOINTS)) {
    if (!existsSync(entry))
      throw new Error(`${relative(REPO_ROOT, entry)} is missing: run the bench through npm run bench (it builds the API there)`);
  }
  const sourcesHashAtStart = hashSources(REPO_ROOT, APP_SOURCE_DIRS);
  const builtAt = statSync(APP_ENTRYPOINTS.api).mtime.toISOString();
  const plan = options.quick ? QUICK_PLAN : FULL_PLAN;
  const started = new Date();
  const runId = started.toISOString().replace(/[:.]/g, '-');
  const workDir = join(WORK_ROOT_DIR, runId);
  const logDir = join(BENCH_DATA_DIR, 'logs', runId);
  const profileDir = options.profile ? join(PROFILE_ROOT_DIR, runId) : undefined;
  mkdirSync(workDir, { recursive: true });
  mkdirSync(logDir, { recursive: true });
  const machine = await machineInfo();
  say(`${options.quick ? 'QUICK run (small data sets, not the target sizes)' : 'full run'}: ${options.only.join(', ')}`);
  say(
    `machine: ${machine.cpus} × ${machine.cpuModel}, ${Math.round(machine.totalMemoryBytes / 2 ** 30)} GiB, node ${machine.node}, CPU busy ${machine.cpuBusyAtStart === undefined ? '?' : `${Math.round(machine.cpuBusyAtStart * 100)} %`} before the run`,
  );
  if ((machine.cpuBusyAtStart ?? 0) > 0.2) say('warning: the machine is already busy: figures will be lower than on an idle machine');
  if (options.profile) say(`profiling: CPU profiles under ${relative(REPO_ROOT, profileDir!)} (figures of a profiled run are slowed down)`);
  say(
    `application: ${relative(REPO_ROOT, APP_DIST_DIR)} built ${builtAt}, sources ${sourcesHashAtStart.slice(0, 12)}${machine.git ? `, git ${machine.git.commit.slice(0, 10)} + ${machine.git.changedFiles} changed files` : ''}`,
  );
  say(`logs: ${relative(REPO_ROOT, logDir)}`);

  const datasets = new DatasetCache({ fresh: options.fresh, logDir, say });
  const ctx: ScenarioContext = {
    plan,
    options,
    datasets,
    rebuilt: new RebuiltStores({ workDir, logDir, profileDir, say }),
    workDir,
    logDir,
    profileDir,
    say,
  };
  const results: ScenarioResults = {};
  const failures: BenchResultsFile['failures'] = [];
  const usedDatasets = new Map<string, DatasetManifest>();
  try {
    for (const scenario of options.only) {
      say(`── ${scenario}`);
      try {
        const result = await RUNNERS[scenario](ctx);
        (results as Record<Scenario, unknown>)[scenario] = result;
        if ('dataset' in result) usedDatasets.set(result.dataset.key, result.dataset);
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        failures.push({ scenario, error: message });
        say(`${scenario} FAILED: ${message}`);
      }
    }
  } finally {
    if (!options.keepWork) removeDir(workDir);
  }

  const sourcesHashAtEnd = hashSources(REPO_ROOT, APP_SOURCE_DIRS);
  if (sourcesHashAtEnd !== sourcesHashAtStart)
    say('note: apps/ or libs/ changed during the run; the figures are of the build made at its start');
  const targets = evaluateTargets(results, { quick: plan.quick, millionEvents: plan.millionEvents });
  const finished = new Date();
  const file: BenchResultsFile = {
    schema: 1,
    quick: plan.quick,
    profiled: options.profile,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationSeconds: Math.round((finished.getTime() - started.getTime()) / 1000),
    machine: { ...machine, loadAverageAtEnd: loadavg().map((v) => Math.round(v * 100) / 100) },
    build: {
      appDir: relative(REPO_ROOT, APP_DIST_DIR),
      builtAt,
      sourcesHashAtStart,
      sourcesHashAtEnd,
      sourcesChangedDuringRun: sourcesHashAtEnd !== sourcesHashAtStart,
    },
    options: { only: options.only, fresh: options.fresh, seconds: options.seconds, profile: options.profile },
    plan,
    datasets: [...usedDatasets.values()],
    summary: {
      targets: targets.length,
      passed: targets.filter((t) => t.pass).length,
      failed: targets.filter((t) => !t.pass).length,
      scenarioFailures: failures.length,
    },
    targets,
    scenarios: results,
    failures,
  };
  writeResultsFile(RESULTS_FILE, file);

  const out: string[] = [''];
  out.push(
    `OKR platform benchmarks — ${started.toISOString()} — ${machine.cpus} CPUs (${machine.cpuModel}), node ${machine.node}${plan.quick ? ' — QUICK RUN' : ''}${options.profile ? ' — PROFILED' : ''}`,
  );
  out.push('');
  out.push(targets.length ? formatTargetTable(targets, { quick: plan.quick }) : '(no target measured)');
  out.push('');
  out.push(...formatDetails(results, file.datasets));
  for (const failure of failures) out.push(`FAILED scenario ${failure.scenario}: ${failure.error.split('\n')[0]}`);
  out.push('');
  out.push(
    `${file.summary.passed}/${file.summary.targets} targets met${plan.quick ? ' (quick run: not meaningful)' : ''}; ${failures.length} scenario failure(s); ${file.durationSeconds} s; results in ${relative(REPO_ROOT, RESULTS_FILE)}`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
  return failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
