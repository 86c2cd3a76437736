import { StreamCategory, categoryOf, isOkrEvent, upcastData } from '@okr/domain';
import { StoredEvent } from '@okr/event-store';
import { Collections, KeyResultDocument, ObjectiveDocument } from '../okr/okr-documents';
import { ReplayDocuments } from './replay-documents';

/**
 * The events of `window` (the log after a snapshot, up to an instant) that one objective's answer depends on,
 * given the documents at the snapshot: those of its own streams. Replayed alone over the snapshot by the okr
 * projection, they give the documents `OkrQueries.objective` reads (the objective, its cycle, its live key results
 * and their initiatives) as a replay of the whole window does. Which streams, and why that is exact: decision 13.
 *
 * - The subtree: the objective and every objective aligned under it, directly or not, at any moment of the window
 *   (the `children` of each at the snapshot, and those the window aligns under it). Their streams and their key
 *   results' streams feed its rollup; no other event changes a document of the subtree.
 * - Its cycle's stream, and the streams of the initiatives linked to its key results, at the snapshot or later.
 *
 * An event is kept if its stream, or an id its data names (which the projection reads it by), is one of those.
 */
export function objectiveEvents(objectiveId: string, atSnapshot: ReplayDocuments, window: readonly StoredEvent[]): StoredEvent[] {
  const objective = (id: string) => atSnapshot.getNow(Collections.objectives, id) as ObjectiveDocument | undefined;
  const keyResult = (id: string) => atSnapshot.getNow(Collections.keyResults, id) as KeyResultDocument | undefined;
  const events = window.map((stored) => ({ type: stored.type, data: upcastData(stored) }));
  const alignedUnder = new Map<string, string[]>();
  const objectiveOfAdded = new Map<string, string>();
  const linkedTo = new Map<string, string[]>();
  let cycleId = objective(objectiveId)?.cycleId;
  for (const event of events) {
    if (!isOkrEvent(event)) continue;
    if (event.type === 'ObjectiveCreated' && event.data.objectiveId === objectiveId) cycleId = event.data.cycleId;
    else if (event.type === 'ObjectiveAligned') add(alignedUnder, event.data.parentObjectiveId, event.data.objectiveId);
    else if (event.type === 'KeyResultAdded') objectiveOfAdded.set(event.data.keyResultId, event.data.objectiveId);
    else if (event.type === 'InitiativeCreated') for (const id of event.data.keyResultIds) add(linkedTo, id, event.data.initiativeId);
    else if (event.type === 'InitiativeKeyResultLinked') add(linkedTo, event.data.keyResultId, event.data.initiativeId);
  }
  // A Set's iteration visits the members added during it: breadth first.
  const subtree = new Set([objectiveId]);
  for (const id of subtree)
    for (const child of [...Object.keys(objective(id)?.children ?? {}), ...(alignedUnder.get(id) ?? [])]) subtree.add(child);
  const ownKeyResults = (objective(objectiveId)?.keyResults ?? []).map((k) => k.id);
  for (const [id, of] of objectiveOfAdded) if (of === objectiveId) ownKeyResults.push(id);
  const initiatives = new Set(ownKeyResults.flatMap((id) => [...(keyResult(id)?.initiativeIds ?? []), ...(linkedTo.get(id) ?? [])]));

  const answers = (category: string, id: string | null): boolean => {
    if (id === null) return false;
    if (category === StreamCategory.objective) return subtree.has(id);
    if (category === StreamCategory.initiative) return initiatives.has(id);
    if (category === StreamCategory.cycle) return id === cycleId;
    if (category !== StreamCategory.keyResult) return false;
    const owner = objectiveOfAdded.get(id) ?? keyResult(id)?.objectiveId;
    return owner !== undefined && subtree.has(owner);
  };
  return window.filter((stored, i) => {
    const category = categoryOf(stored.streamId);
    if (answers(category, stored.streamId.slice(category.length + 1))) return true;
    // An event of a type the domain does not know changes no document.
    const event = events[i];
    if (!isOkrEvent(event)) return false;
    const data = event.data;
    return (
      ('objectiveId' in data && answers(StreamCategory.objective, data.objectiveId)) ||
      ('keyResultId' in data && answers(StreamCategory.keyResult, data.keyResultId)) ||
      ('initiativeId' in data && answers(StreamCategory.initiative, data.initiativeId)) ||
      ('cycleId' in data && answers(StreamCategory.cycle, data.cycleId))
    );
  });
}

function add(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
