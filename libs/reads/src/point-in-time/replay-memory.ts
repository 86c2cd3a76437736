import { BUDGET } from '@okr/budget';
import { getHeapStatistics } from 'node:v8';

/** What a replay and an in-memory snapshot hold per document, and the share of the heap a replay may take. */
const { bytesPerDocument, snapshotBytesPerDocument, heapShare, maxMemorySnapshots } = BUDGET.replays;

export interface HeapFigures {
  /** Bytes (v8 heap_size_limit). */
  limit: number;
  /** Bytes in use now (v8 used_heap_size). */
  used: number;
}

export function heapFigures(): HeapFigures {
  const stats = getHeapStatistics();
  return { limit: stats.heap_size_limit, used: stats.used_heap_size };
}

/** Whether replaying read models of `documents` documents fits in the heap, and what it needs. */
export function replayFits(documents: number, heap: HeapFigures): { fits: boolean; neededBytes: number } {
  const neededBytes = documents * bytesPerDocument;
  return { fits: heap.used + neededBytes <= heap.limit * heapShare, neededBytes };
}

/** Snapshots to keep in memory (compressed): only what the heap leaves room for beside one replay state, at most the budget's. */
export function snapshotsToKeep(documents: number, heap: HeapFigures): number {
  const state = Math.max(1, documents) * bytesPerDocument;
  const snapshot = Math.max(1, documents) * snapshotBytesPerDocument;
  const room = heap.limit * heapShare - heap.used - state;
  return Math.max(0, Math.min(maxMemorySnapshots, Math.floor(room / snapshot)));
}
