import { StoredEvent } from '@okr/event-store';
import { Projection, SettleRequest } from '../projection';
import { toProjectedEvent } from '../runner/projected-event';
import { ReplayDocument, ReplayDocuments } from './replay-documents';

/**
 * Projects one batch of events (in log order, after everything `documents` already holds) into `documents`,
 * the way the ProjectionRunner projects a batch: each event's changes are applied at once with `version` set
 * to its position, and the documents the batch asked to settle are handed to the projection's `settle` at the
 * end, each once, in first-asked order, as they stand after the whole batch. The projection's documents do not
 * depend on how events are batched (decision 9), so this gives the runner's documents exactly.
 *
 * Differences from the runner, none of which changes a kept document: no unit of work (reads go straight to the
 * Maps; the runner's retained documents are the same objects modified in place), no version guard (a forward
 * replay never meets a document at or past the event), and writes to collections `documents` does not keep
 * (write-only ones) are dropped.
 */
export async function replayBatch(projection: Projection, documents: ReplayDocuments, events: readonly StoredEvent[]): Promise<void> {
  const toSettle = new Map<string, Set<string>>();
  const settleOrder: { collection: string; id: string }[] = [];
  for (const stored of events) {
    const position = stored.position;
    const changes = await projection.project(toProjectedEvent(stored), documents);
    for (const change of changes) {
      if (change.kind === 'settle') {
        let ids = toSettle.get(change.collection);
        if (!ids) toSettle.set(change.collection, (ids = new Set()));
        if (!ids.has(change.id)) {
          ids.add(change.id);
          settleOrder.push({ collection: change.collection, id: change.id });
        }
        continue;
      }
      if (!documents.keeps(change.collection)) continue;
      if (change.kind === 'put') {
        const doc = change.doc as ReplayDocument;
        doc.version = position;
        documents.put(change.collection, doc);
      } else documents.delete(change.collection, change.id);
    }
  }
  if (settleOrder.length === 0) return;
  if (!projection.settle) throw new Error(`Projection '${projection.name}' asked to settle documents but has no settle()`);
  const pending: SettleRequest[] = [];
  for (const { collection, id } of settleOrder)
    pending.push({ collection, id, doc: ((await documents.get(collection, id)) as ReplayDocument | undefined) ?? null });
  for (const change of await projection.settle(pending, documents)) {
    if (change.kind !== 'put') throw new Error(`settle may only put documents (got ${change.kind} on ${change.collection})`);
    documents.put(change.collection, change.doc as ReplayDocument);
  }
}
