import { Metric, compareCheckInsAt, keyResultProgress, objectiveFigures } from '@okr/domain';
import { ChildSummary, KeyResultSummary, ObjectiveDocument } from '../okr/okr-documents';
import { removeChild, setChild } from '../okr/rollup';
import { CycleTimeline, StructuralChange } from './cycle-timeline';
import { TimeSeriesInterval } from './time-series-boundaries';
import { TimeSeries, TimeSeriesColumns } from './time-series';

/** An objective as the okr projection keeps it, reduced to what progress and rollup are computed from. */
interface ObjectiveState {
  doc: Pick<ObjectiveDocument, 'children' | 'progress' | 'rollup' | 'confidence'> & { keyResults: IndexedSummary[] };
  parent: number;
  weight: number;
  archived: boolean;
  /** The boundary index its numbers were last computed for. */
  computedAt: number;
  /** Its `doc.children`, each with its index in the timeline (built again after any change to them). */
  childList: ChildLink[] | null;
}

interface ChildLink {
  /** The child's index in the timeline (undefined: not an objective of the timeline). */
  index: number | undefined;
  summary: ChildSummary;
}

/** A key result summary (less its last check-in: no figure uses it) that also knows its key result's index in the timeline. */
type IndexedSummary = Omit<KeyResultSummary, 'lastCheckInAt'> & { index: number };

interface KeyResultState {
  summary: IndexedSummary;
  metric: Metric;
  removed: boolean;
  /** Next check-in (index into the key result's sorted run) not yet in effect. */
  next: number;
  value: number;
  computedAt: number;
}

/**
 * The time series of the timeline's cycle at `boundaries` (increasing instants), in effective time:
 *
 * - Structure (objectives and key results existing, alignment and weights, archive, targets, removal) is the
 *   timeline's structural changes applied in log order up to the first one recorded after the boundary — the
 *   prefix of the log `asOf` reads.
 * - A key result's value at b is that of its check-in in effect at b among every check-in known now (the last,
 *   in compareCheckInsAt's order, of those effective at or before b: a backdated check-in counts from its
 *   effective time); its metric's start before any.
 * - Progress is `keyResultProgress` (clamped), and an objective's progress and rollup are `objectiveFigures` of
 *   its key result summaries and aligned children, kept as the okr projection keeps them (its `setChild` and
 *   `removeChild`), so the numbers are those the projection computes, bit for bit.
 */
export function computeTimeSeries(timeline: CycleTimeline, interval: TimeSeriesInterval, boundaries: readonly number[]): TimeSeries {
  const nb = boundaries.length;
  const cycleObjectives: number[] = [];
  timeline.objectives.forEach((o, index) => {
    if (o.cycleId === timeline.cycleId) cycleObjectives.push(index);
  });
  const inCycle = new Set(cycleObjectives);
  const cycleKeyResults: number[] = [];
  timeline.keyResults.forEach((k, index) => {
    if (inCycle.has(k.objective)) cycleKeyResults.push(index);
  });

  const runs = checkInRuns(timeline);
  const objectives: (ObjectiveState | undefined)[] = new Array(timeline.objectives.length);
  const keyResults: (KeyResultState | undefined)[] = new Array(timeline.keyResults.length);

  const columns: TimeSeriesColumns = {
    objectivePresent: new Uint8Array(cycleObjectives.length * nb),
    objectiveProgress: new Float64Array(cycleObjectives.length * nb),
    objectiveRollup: new Float64Array(cycleObjectives.length * nb),
    keyResultPresent: new Uint8Array(cycleKeyResults.length * nb),
    keyResultValue: new Float64Array(cycleKeyResults.length * nb),
    keyResultProgress: new Float64Array(cycleKeyResults.length * nb),
  };

  const kind = timeline.structure.column('kind');
  const recordedAt = timeline.structure.column('recordedAt');
  const subject = timeline.structure.column('subject');
  const other = timeline.structure.column('other');
  const amount = timeline.structure.column('amount');
  const idOf = (objective: number) => timeline.objectives[objective].id;

  /** Removes the objective from its parent's children, as the projection's `detach`. */
  const detach = (state: ObjectiveState, index: number) => {
    const parent = state.parent >= 0 ? objectives[state.parent] : undefined;
    if (parent) {
      removeChild(parent.doc, idOf(index));
      parent.childList = null;
    }
  };

  const apply = (row: number) => {
    const s = subject[row];
    switch (kind[row] as StructuralChange) {
      case StructuralChange.ObjectiveCreated:
        objectives[s] = {
          doc: { keyResults: [], children: {}, progress: 0, rollup: 0, confidence: null },
          parent: -1,
          weight: 0,
          archived: false,
          computedAt: -1,
          childList: null,
        };
        return;
      case StructuralChange.ObjectiveAligned: {
        const state = objectives[s];
        if (!state) return;
        if (!state.archived) detach(state, s);
        state.parent = other[row];
        state.weight = amount[row];
        const parent = state.parent >= 0 ? objectives[state.parent] : undefined;
        if (!state.archived && parent && state.parent !== s) {
          setChild(parent.doc, { id: idOf(s), weight: state.weight, rollup: state.doc.rollup });
          parent.childList = null;
        }
        return;
      }
      case StructuralChange.ObjectiveUnaligned: {
        const state = objectives[s];
        if (!state) return;
        if (!state.archived) detach(state, s);
        state.parent = -1;
        return;
      }
      case StructuralChange.ObjectiveArchived: {
        const state = objectives[s];
        if (!state) return;
        detach(state, s);
        state.archived = true;
        return;
      }
      case StructuralChange.KeyResultAdded: {
        const info = timeline.keyResults[s];
        const summary: IndexedSummary = { id: info.id, weight: amount[row], progress: 0, confidence: null, index: s };
        keyResults[s] = { summary, metric: { ...info.metric }, removed: false, next: 0, value: info.metric.start, computedAt: -1 };
        objectives[other[row]]?.doc.keyResults.push(summary);
        return;
      }
      case StructuralChange.KeyResultTargetChanged: {
        const state = keyResults[s];
        if (state) state.metric = { ...state.metric, target: amount[row] };
        return;
      }
      case StructuralChange.KeyResultWeightChanged: {
        const state = keyResults[s];
        if (state) state.summary.weight = amount[row];
        return;
      }
      case StructuralChange.KeyResultRemoved: {
        const state = keyResults[s];
        if (!state || state.removed) return;
        state.removed = true;
        const objective = objectives[timeline.keyResults[s].objective];
        if (objective) objective.doc.keyResults = objective.doc.keyResults.filter((k) => k !== state.summary);
        return;
      }
    }
  };

  /** The key result's value and progress at boundary b (check-ins in effect by then). */
  const keyResultAt = (k: number, b: number): KeyResultState => {
    const state = keyResults[k]!;
    if (state.computedAt === b) return state;
    const end = runs.offsets[k + 1];
    const effectiveAt = runs.effectiveAt;
    let next = runs.offsets[k] + state.next;
    let value = state.value;
    while (next < end && effectiveAt[next] <= boundaries[b]) value = runs.value[next++];
    state.next = next - runs.offsets[k];
    state.value = value;
    state.summary.progress = keyResultProgress(state.metric, value).clamped;
    state.computedAt = b;
    return state;
  };

  /** Progress and rollup of an objective at boundary b, its children first (depth first, each once per boundary). */
  const objectiveAt = (o: number, b: number, depth = 0): ObjectiveState => {
    const state = objectives[o]!;
    if (state.computedAt === b || depth > 10_000) return state;
    state.computedAt = b; // before the children: a loop (refused by the domain) cannot recurse forever
    for (const summary of state.doc.keyResults) keyResultAt((summary as IndexedSummary).index, b);
    const children = (state.childList ??= childListOf(state.doc.children));
    for (let c = 0; c < children.length; c++) {
      const link = children[c];
      const child = link.index === undefined ? undefined : objectives[link.index];
      if (!child || link.index === undefined) continue;
      objectiveAt(link.index, b, depth + 1);
      link.summary.rollup = child.doc.rollup;
    }
    const { progress, rollup } = objectiveFigures(state.doc.keyResults, state.doc.children);
    state.doc.progress = progress;
    state.doc.rollup = rollup;
    return state;
  };

  /** The children in their for-in order (Object.keys gives that order for a plain object), with their indexes. */
  const childListOf = (children: Record<string, ChildSummary>): ChildLink[] =>
    Object.keys(children).map((id) => ({ index: timeline.objectiveIndex.get(id), summary: children[id] }));

  let row = 0;
  const rows = timeline.structure.length;
  for (let b = 0; b < nb; b++) {
    while (row < rows && recordedAt[row] <= boundaries[b]) apply(row++);
    cycleObjectives.forEach((o, e) => {
      if (!objectives[o]) return;
      const state = objectiveAt(o, b);
      const i = e * nb + b;
      columns.objectivePresent[i] = 1;
      // + 0: -0 (a key result back at its start, a decrease) reads 0, as every JSON answer writes it.
      columns.objectiveProgress[i] = state.doc.progress + 0;
      columns.objectiveRollup[i] = state.doc.rollup + 0;
    });
    cycleKeyResults.forEach((k, e) => {
      const present = keyResults[k];
      if (!present || present.removed) return;
      const state = keyResultAt(k, b);
      const i = e * nb + b;
      columns.keyResultPresent[i] = 1;
      columns.keyResultValue[i] = state.value + 0;
      columns.keyResultProgress[i] = state.summary.progress + 0;
    });
  }

  return new TimeSeries(
    timeline.cycleId,
    interval,
    boundaries,
    cycleObjectives.map((o) => ({ id: timeline.objectives[o].id, title: timeline.objectives[o].title })),
    cycleKeyResults.map((k) => ({
      id: timeline.keyResults[k].id,
      objectiveId: timeline.objectives[timeline.keyResults[k].objective].id,
      title: timeline.keyResults[k].title,
    })),
    columns,
  );
}

/**
 * The timeline's check-ins grouped by key result (a counting sort), each group in the order of check-ins
 * (compareCheckInsAt): walking a group up to an instant leaves the current check-in last. The effective times and
 * values are copied in that order, so the walk reads memory in sequence.
 */
function checkInRuns(timeline: CycleTimeline): { offsets: Int32Array; effectiveAt: Float64Array; value: Float64Array } {
  const count = timeline.checkIns.length;
  const keyResult = timeline.checkIns.column('keyResult') as Int32Array;
  const loggedEffectiveAt = timeline.checkIns.column('effectiveAt') as Float64Array;
  const loggedSequence = timeline.checkIns.column('sequence') as Float64Array;
  const loggedValue = timeline.checkIns.column('value') as Float64Array;
  const offsets = new Int32Array(timeline.keyResults.length + 1);
  for (let i = 0; i < count; i++) offsets[keyResult[i] + 1]++;
  for (let k = 0; k < timeline.keyResults.length; k++) offsets[k + 1] += offsets[k];
  const fill = offsets.slice(0, timeline.keyResults.length);
  const effectiveAt = new Float64Array(count);
  const sequence = new Float64Array(count);
  const value = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const at = fill[keyResult[i]]++;
    effectiveAt[at] = loggedEffectiveAt[i];
    sequence[at] = loggedSequence[i];
    value[at] = loggedValue[i];
  }
  for (let k = 0; k < timeline.keyResults.length; k++) {
    const from = offsets[k];
    const to = offsets[k + 1];
    // Rows arrive in log order and mostly in effective order: insertion sort.
    for (let i = from + 1; i < to; i++) {
      const currentAt = effectiveAt[i];
      const currentSequence = sequence[i];
      const currentValue = value[i];
      let j = i - 1;
      for (; j >= from && compareCheckInsAt(effectiveAt[j], sequence[j], currentAt, currentSequence) > 0; j--) {
        effectiveAt[j + 1] = effectiveAt[j];
        sequence[j + 1] = sequence[j];
        value[j + 1] = value[j];
      }
      effectiveAt[j + 1] = currentAt;
      sequence[j + 1] = currentSequence;
      value[j + 1] = currentValue;
    }
  }
  return { offsets, effectiveAt, value };
}
