import { getHeapStatistics } from 'node:v8';

/**
 * Heap a point-in-time replay holds per document of the mutable collections (objectives, key results,
 * initiatives, teams, users, cycles): plain objects in Maps (no JSON copies). Measured: 75 MB for the 84,866
 * documents of a 10,000-objective organisation, ~880 B each; 1,000 leaves room for the query's own garbage.
 */
export const REPLAY_BYTES_PER_DOCUMENT = 1_000;
/** Heap an in-memory snapshot holds per document: gzipped JSON chunks (11.2 MB for those 84,866 documents). */
export const SNAPSHOT_BYTES_PER_DOCUMENT = 140;
/** Share of the heap limit a replay may take the heap to. */
export const REPLAY_HEAP_SHARE = 0.85;

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
  const neededBytes = documents * REPLAY_BYTES_PER_DOCUMENT;
  return { fits: heap.used + neededBytes <= heap.limit * REPLAY_HEAP_SHARE, neededBytes };
}

/** Snapshots to keep in memory (compressed): only what the heap leaves room for beside one replay state, at most 8. */
export function snapshotsToKeep(documents: number, heap: HeapFigures): number {
  const state = Math.max(1, documents) * REPLAY_BYTES_PER_DOCUMENT;
  const snapshot = Math.max(1, documents) * SNAPSHOT_BYTES_PER_DOCUMENT;
  const room = heap.limit * REPLAY_HEAP_SHARE - heap.used - state;
  return Math.max(0, Math.min(8, Math.floor(room / snapshot)));
}
