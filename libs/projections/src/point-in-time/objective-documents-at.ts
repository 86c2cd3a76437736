import { EventStore, StoredEvent } from '@okr/event-store';
import { ReadModelStore } from '@okr/read-model';
import { ChildSummary, Collections, ObjectiveDocument } from '../okr/okr-documents';
import { okrProjection } from '../okr/okr.projection';
import { recompute } from '../okr/rollup';
import { ObjectiveHistory } from './objective-history';
import { replayBatch } from './replay-batch';
import { ReplayDocuments } from './replay-documents';
import { ReplayDocumentsStore } from './replay-documents-store';
import { keptCollections } from './replay-until';

/** The documents of one objective's answer at an instant, or why the history cannot give them (the caller then replays). */
export type ObjectiveAt =
  | { kind: 'answered'; store: ReadModelStore; position: number; events: number }
  /** The history does not reach the instant (not built that far, or the instant is at its end: more events may come). */
  | { kind: 'not-covered' }
  /** The history and the objective's own streams disagree: never expected; the caller replays and should say so. */
  | { kind: 'inconsistent'; reason: string };

/**
 * The documents `OkrQueries.objective` reads for one objective, as they stood once every event recorded up to
 * `instant` was projected, without replaying the log up to there:
 *
 * 1. The end of the prefix (the position P of the last event recorded up to the instant) comes from the history;
 *    only an instant the history has seen an event after is answered (a final prefix).
 * 2. The REAL okr projection replays the objective's own streams (ObjectiveStreams: its own, its key results',
 *    the initiatives linked to them, its cycle's) up to P, merged in log order: the objective's document, its key
 *    results', their initiatives' and the cycle's, exactly as the full replay has them — each of those documents is
 *    projected only from events of those streams — except what the objective's aligned children feed it, whose
 *    own key results are not replayed: the values in its `children` map and so its `rollup`.
 * 3. Those come from the history, recorded from the full replay's own documents after every event: the children
 *    keys in the document's order with their weights, and each child's rollup at P (a parent holds each child's
 *    settled rollup after every batch). The projection's own `recompute` then gives progress, confidence and
 *    rollup from the key-result summaries and those children, and the rollup must equal the objective's own
 *    rollup in the history at P, bit for bit; otherwise the answer is refused ('inconsistent').
 *
 * An objective that did not exist at P has no document (the query answers 404, as the full replay would); the
 * history must agree (no rollup recorded by P).
 */
export async function objectiveDocumentsAt(
  events: EventStore,
  history: ObjectiveHistory,
  objectiveId: string,
  instant: number,
): Promise<ObjectiveAt> {
  if (history.broken) return { kind: 'not-covered' };
  const { position, final } = history.prefix.endAt(instant);
  if (!final) return { kind: 'not-covered' };

  const streams = await Promise.all(history.streams.of(objectiveId).map((stream) => events.readStream(stream)));
  const own: StoredEvent[] = [];
  for (const stream of streams) for (const event of stream) if (event.position <= position) own.push(event);
  own.sort((a, b) => a.position - b.position);
  const documents = new ReplayDocuments(keptCollections(okrProjection));
  if (own.length > 0) await replayBatch(okrProjection, documents, own);

  const rollup = history.rollupAt(objectiveId, position);
  const objective = documents.getNow(Collections.objectives, objectiveId) as unknown as ObjectiveDocument | undefined;
  if (!objective) {
    if (rollup !== undefined)
      return {
        kind: 'inconsistent',
        reason: `objective ${objectiveId} is in the history at position ${position} but not in its own streams`,
      };
    return { kind: 'answered', store: new ReplayDocumentsStore(documents), position, events: own.length };
  }
  const entry = history.childrenAt(objectiveId, position);
  if (rollup === undefined || entry === undefined)
    return {
      kind: 'inconsistent',
      reason: `objective ${objectiveId} exists at position ${position} but the history has no rollup or children for it`,
    };
  const children: Record<string, ChildSummary> = {};
  for (let i = 0; i < entry.ids.length; i++) {
    const childRollup = history.rollupAt(entry.ids[i], position);
    if (childRollup === undefined)
      return { kind: 'inconsistent', reason: `child ${entry.ids[i]} of objective ${objectiveId} has no rollup at position ${position}` };
    children[entry.ids[i]] = { weight: entry.weights[i], rollup: childRollup };
  }
  objective.children = children;
  recompute(objective);
  if (!Object.is(objective.rollup, rollup)) {
    return {
      kind: 'inconsistent',
      reason: `objective ${objectiveId} at position ${position}: rollup ${objective.rollup} recomputed, ${rollup} in the history`,
    };
  }
  return { kind: 'answered', store: new ReplayDocumentsStore(documents), position, events: own.length };
}
