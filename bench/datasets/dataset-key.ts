import { createHash } from 'node:crypto';
import { DatasetSpec } from '../config/bench-plan';

/**
 * The cache key of a data set: its generator parameters and the hash of the generator sources (the name
 * is only a label). The same key means the same generator run on the same parameters.
 */
export function datasetKey(spec: DatasetSpec, generatorHash: string): string {
  const parameters = { teams: spec.teams, objectives: spec.objectives, days: spec.days, seed: spec.seed };
  return createHash('sha256').update(JSON.stringify({ parameters, generatorHash })).digest('hex').slice(0, 12);
}

/** The cache directory name of a data set. */
export function datasetDirName(spec: DatasetSpec, key: string): string {
  return `${spec.name}-${key}`;
}

/** The seed CLI's arguments for a data set (the data directory is added by the caller). */
export function seedArguments(spec: DatasetSpec): string[] {
  return ['--teams', String(spec.teams), '--objectives', String(spec.objectives), '--days', String(spec.days), '--seed', String(spec.seed)];
}
