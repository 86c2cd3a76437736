import { compareInstants, objectiveFigures } from '@okr/domain';
import { ObjectiveDocument } from './okr-documents';

/**
 * Progress, confidence and rollup of an objective from its key-result and child summaries (objectiveFigures),
 * and its last check-in: the latest of its key results'.
 */
export function recompute(objective: ObjectiveDocument): void {
  const { progress, confidence, rollup } = objectiveFigures(objective.keyResults, objective.children);
  objective.progress = progress;
  objective.confidence = confidence;
  objective.rollup = rollup;
  let last: string | null = null;
  for (const { lastCheckInAt } of objective.keyResults) {
    if (lastCheckInAt && (last === null || compareInstants(lastCheckInAt, last) > 0)) last = lastCheckInAt;
  }
  objective.lastCheckInAt = last;
}

/** Inserts or replaces a child summary. */
export function setChild(parent: Pick<ObjectiveDocument, 'children'>, child: { id: string; weight: number; rollup: number }): void {
  const existing = parent.children[child.id];
  if (existing) {
    existing.weight = child.weight;
    existing.rollup = child.rollup;
  } else parent.children[child.id] = { weight: child.weight, rollup: child.rollup };
}

export function removeChild(parent: Pick<ObjectiveDocument, 'children'>, childId: string): void {
  delete parent.children[childId];
}
