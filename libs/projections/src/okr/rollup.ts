import { objectiveFigures } from '@okr/domain';
import { ObjectiveDocument } from './okr-documents';

/** Progress, confidence and rollup of an objective from its key-result and child summaries (objectiveFigures). */
export function recompute(objective: ObjectiveDocument): void {
  const { progress, confidence, rollup } = objectiveFigures(objective.keyResults, objective.children);
  objective.progress = progress;
  objective.confidence = confidence;
  objective.rollup = rollup;
}

/** Inserts or replaces a child summary. */
export function setChild(parent: ObjectiveDocument, child: { id: string; weight: number; rollup: number }): void {
  const existing = parent.children[child.id];
  if (existing) {
    existing.weight = child.weight;
    existing.rollup = child.rollup;
  } else parent.children[child.id] = { weight: child.weight, rollup: child.rollup };
}

export function removeChild(parent: ObjectiveDocument, childId: string): void {
  delete parent.children[childId];
}
