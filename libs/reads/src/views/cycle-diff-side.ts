import { KeyResultDocument, ObjectiveDocument } from '@okr/projections';
import { ReadModels, findAll } from '@okr/platform';
import { DiffSide, diffKeyResult, diffObjective } from './cycle-diff';

/** One side of a cycle diff: the cycle, its objectives (in creation order) and key results as `models` hold them; null when the tenant has no such cycle there. */
export async function cycleDiffSide(models: ReadModels, instant: number, tenantId: string, cycleId: string): Promise<DiffSide | null> {
  const cycle = await (await models.cycles()).get(cycleId);
  if (!cycle || cycle.tenantId !== tenantId) return null;
  const objectives = await findAll<ObjectiveDocument>(await models.objectives(), { cycleId }, [
    { field: 'createdPosition', direction: 'asc' },
  ]);
  const keyResults = await findAll<KeyResultDocument>(await models.keyResults(), { cycleId });
  return { instant, cycle, objectives: objectives.map(diffObjective), keyResults: keyResults.map(diffKeyResult) };
}
