import { weightedMean } from '@okr/domain';
import { ObjectiveDocument } from './okr-documents';

/** Progress, confidence and rollup of an objective from its key-result and child summaries (exact, order-independent). */
export function recompute(objective: ObjectiveDocument): void {
  objective.progress = weightedMean(objective.keyResults.map((k) => ({ weight: k.weight, value: k.progress })));
  const withConfidence = objective.keyResults.filter((k) => k.confidence !== null);
  objective.confidence = withConfidence.length ? weightedMean(withConfidence.map((k) => ({ weight: k.weight, value: k.confidence as number }))) : null;
  objective.rollup = weightedMean([
    ...objective.keyResults.map((k) => ({ weight: k.weight, value: k.progress })),
    ...objective.children.map((c) => ({ weight: c.weight, value: c.rollup })),
  ]);
}

/** Inserts or replaces a child summary, keeping children sorted by id. */
export function setChild(parent: ObjectiveDocument, child: { id: string; weight: number; rollup: number }): void {
  const rest = parent.children.filter((c) => c.id !== child.id);
  rest.push({ id: child.id, weight: child.weight, rollup: child.rollup });
  rest.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  parent.children = rest;
}

export function removeChild(parent: ObjectiveDocument, childId: string): void {
  parent.children = parent.children.filter((c) => c.id !== childId);
}
