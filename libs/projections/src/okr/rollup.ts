import { ObjectiveDocument } from './okr-documents';

/**
 * Progress, confidence and rollup of an objective from its key-result and child summaries: exact and
 * independent of history (the same summaries in the same order give the same bits), in one pass.
 */
export function recompute(objective: ObjectiveDocument): void {
  let weights = 0;
  let weighted = 0;
  let confidenceWeights = 0;
  let confidenceWeighted = 0;
  for (const k of objective.keyResults) {
    weights += k.weight;
    weighted += k.weight * k.progress;
    if (k.confidence !== null) {
      confidenceWeights += k.weight;
      confidenceWeighted += k.weight * k.confidence;
    }
  }
  objective.progress = weights > 0 ? weighted / weights : 0;
  objective.confidence = confidenceWeights > 0 ? confidenceWeighted / confidenceWeights : null;
  for (const id in objective.children) {
    const child = objective.children[id];
    weights += child.weight;
    weighted += child.weight * child.rollup;
  }
  objective.rollup = weights > 0 ? weighted / weights : 0;
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
