import { getHeapStatistics } from 'node:v8';

/**
 * Heap a point-in-time replay holds per document of the mutable collections (objectives, key results,
 * initiatives, teams, users, cycles): the documents as objects plus their JSON for snapshots. Measured: 248 MB
 * for the 85,000 documents of a 10,000-objective organisation, ~2.9 KB each.
 */
export const REPLAY_BYTES_PER_DOCUMENT = 3_000;
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

/** Snapshots to keep in memory (each ~1/3 of a replay state): only where the heap leaves room for several. */
export function snapshotsToKeep(documents: number, heap: HeapFigures): number {
  const state = Math.max(1, documents) * REPLAY_BYTES_PER_DOCUMENT;
  const room = heap.limit * REPLAY_HEAP_SHARE - heap.used - state;
  return Math.max(0, Math.min(8, Math.floor(room / (state / 3))));
}
