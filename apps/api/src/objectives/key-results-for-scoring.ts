import { KeyResultForScoring, currentProgress } from '@okr/domain';
import { Directory } from '../application/directory';
import { FactsLoader } from '../application/facts-loader';

/** The figures of an objective's key results that closing and scoring need. */
export async function keyResultsForScoring(
  directory: Directory,
  facts: FactsLoader,
  objectiveId: string,
  tenantId: string,
): Promise<KeyResultForScoring[]> {
  await directory.refresh();
  const out: KeyResultForScoring[] = [];
  for (const id of directory.objectives.get(objectiveId)?.keyResultIds ?? []) {
    const { state } = await facts.keyResult(id, tenantId);
    out.push({
      keyResultId: id,
      weight: state.weight,
      removed: state.removed,
      grade: state.grade,
      progress: currentProgress(state).clamped,
    });
  }
  return out;
}
