import { DatasetManifest } from '../datasets/dataset-cache';
import { RebuildMeasurement } from './rebuilt-stores';
import { ScenarioContext } from './scenario-context';

export interface RebuildResult {
  dataset: DatasetManifest;
  rebuild: RebuildMeasurement;
}

/** `projections:rebuild` over a copy of the ~1,000,000-event store: events per second. */
export async function runRebuildScenario(ctx: ScenarioContext): Promise<RebuildResult> {
  const dataset = await ctx.datasets.ensure(ctx.plan.datasets.million);
  const { rebuild } = await ctx.rebuilt.get(dataset);
  return { dataset: dataset.manifest, rebuild };
}
