import { ObjectiveHealth, expectedProgress, healthAt } from '@okr/domain';
import { CycleDocument, KeyResultDocument, ObjectiveDocument } from '@okr/projections';

/** One recorded change (who, when, why) between the two instants. */
export interface RecordedChange {
  position: number;
  recordedAt: string;
  actor: { id: string; name: string };
  from: number;
  to: number;
  reason?: string;
}

/** A number at both instants. */
export interface Delta {
  from: number;
  to: number;
  delta: number;
}

export interface ObjectiveRef {
  id: string;
  title: string;
}

export interface CycleDiffBody {
  objectives: {
    added: (ObjectiveRef & { parentId: string | null })[];
    archived: ObjectiveRef[];
    closed: (ObjectiveRef & { score: number | null })[];
    realigned: (ObjectiveRef & {
      parent: { from: string | null; to: string | null };
      weight: { from: number | null; to: number | null };
    })[];
  };
  keyResults: {
    added: (ObjectiveRef & { objectiveId: string })[];
    removed: (ObjectiveRef & { objectiveId: string })[];
    targetChanged: (ObjectiveRef & { objectiveId: string; from: number; to: number; changes?: RecordedChange[] })[];
    weightChanged: (ObjectiveRef & { objectiveId: string; from: number; to: number; changes?: RecordedChange[] })[];
  };
  /** Every objective present at both instants whose progress, rollup or status moved. */
  progress: (ObjectiveRef & { progress: Delta; rollup: Delta; status: { from: ObjectiveHealth; to: ObjectiveHealth } })[];
}

/** The fields of an objective the diff compares. */
export type DiffObjective = Pick<
  ObjectiveDocument,
  'id' | 'title' | 'parentId' | 'alignmentWeight' | 'status' | 'score' | 'progress' | 'rollup'
>;
/** The fields of a key result the diff compares. */
export type DiffKeyResult = Pick<KeyResultDocument, 'id' | 'title' | 'objectiveId' | 'removed' | 'weight'> & { target: number };

/** One instant of a cycle, kept to what the diff compares (a large cycle's two sides are held at once). */
export interface DiffSide {
  instant: number;
  cycle: CycleDocument;
  objectives: readonly DiffObjective[];
  keyResults: readonly DiffKeyResult[];
}

export function diffObjective(o: ObjectiveDocument): DiffObjective {
  const { id, title, parentId, alignmentWeight, status, score, progress, rollup } = o;
  return { id, title, parentId, alignmentWeight, status, score, progress, rollup };
}

export function diffKeyResult(k: KeyResultDocument): DiffKeyResult {
  const { id, title, objectiveId, removed, weight } = k;
  return { id, title, objectiveId, removed, weight, target: k.metric.target };
}

const delta = (from: number, to: number): Delta => ({ from, to, delta: to - from });

/**
 * What changed in a cycle between two instants, from its read models as recorded at each (pure): objectives
 * added, archived, closed, realigned; key results added, removed, re-targeted, re-weighted; and progress,
 * rollup and status (health at each instant) of every objective present at both.
 */
export function diffCycle(before: DiffSide | null, after: DiffSide): CycleDiffBody {
  const was = new Map((before?.objectives ?? []).map((o) => [o.id, o]));
  const wasKr = new Map((before?.keyResults ?? []).map((k) => [k.id, k]));
  const body: CycleDiffBody = {
    objectives: { added: [], archived: [], closed: [], realigned: [] },
    keyResults: { added: [], removed: [], targetChanged: [], weightChanged: [] },
    progress: [],
  };
  const expectedBefore = before ? expectedProgress(before.cycle, before.instant) : 0;
  const expectedAfter = expectedProgress(after.cycle, after.instant);
  for (const o of after.objectives) {
    const ref = { id: o.id, title: o.title };
    const old = was.get(o.id);
    if (!old) {
      body.objectives.added.push({ ...ref, parentId: o.parentId });
      continue;
    }
    if (o.status === 'archived' && old.status !== 'archived') body.objectives.archived.push(ref);
    if (o.status === 'closed' && old.status !== 'closed') body.objectives.closed.push({ ...ref, score: o.score });
    if (o.parentId !== old.parentId || o.alignmentWeight !== old.alignmentWeight) {
      body.objectives.realigned.push({
        ...ref,
        parent: { from: old.parentId, to: o.parentId },
        weight: { from: old.alignmentWeight, to: o.alignmentWeight },
      });
    }
    const status = { from: healthAt(old.status, old.rollup, expectedBefore), to: healthAt(o.status, o.rollup, expectedAfter) };
    if (o.progress !== old.progress || o.rollup !== old.rollup || status.from !== status.to) {
      body.progress.push({ ...ref, progress: delta(old.progress, o.progress), rollup: delta(old.rollup, o.rollup), status });
    }
  }
  for (const k of after.keyResults) {
    const ref = { id: k.id, title: k.title, objectiveId: k.objectiveId };
    const old = wasKr.get(k.id);
    if (!old || old.removed) {
      if (!k.removed) body.keyResults.added.push(ref);
      continue;
    }
    if (k.removed) {
      body.keyResults.removed.push(ref);
      continue;
    }
    if (k.target !== old.target) body.keyResults.targetChanged.push({ ...ref, from: old.target, to: k.target });
    if (k.weight !== old.weight) body.keyResults.weightChanged.push({ ...ref, from: old.weight, to: k.weight });
  }
  return body;
}
