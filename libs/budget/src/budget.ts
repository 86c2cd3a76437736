/**
 * The memory and batch budget: every heap limit, cache size, page cache, batch size and page size of the platform,
 * grouped by where the memory or the CPU goes, each with why it has its value (figures measured on the bench's
 * million-event store where there are some). The one place to change them; docs/operations.md ("Memory and batch
 * budget") lists them. Imports nothing, so that every lib and app may use it.
 *
 * Not here: limits of the API's contract (page sizes a client may ask, the 1 MiB body limit, text lengths), timeouts
 * and protocol constants; they live with the code they describe.
 */
export const BUDGET = deepFrozen({
  /** The API process's event loop: HTTP, commands, live queries. */
  apiThread: {
    /** V8 heap (MB) = `--max-old-space-size` in package.json (budget.spec.ts checks); heavy work has its own worker heap. */
    heapMb: 192,
    /** Page cache (KiB) of its read-model connection: it only reads (the projection worker writes its own). */
    readModelCacheKib: 32 * 1024,
    /** Folded streams kept between commands (StreamExecutor): a command then reads only the events after its fold. */
    foldedStreams: 50_000,
    /** Cycles whose alignment tree is kept (AlignmentQuery), each valid while the projection position stays. */
    alignmentTrees: 8,
    /** Callers whose last write's position is kept, so their reads wait for it (~100 B each); one pushed out had 10,000 writers after it. */
    lastWrites: 10_000,
  },

  /** The embedded `okr` runner: in the projection worker (both stores embedded), else on the API thread. */
  projectionWorker: {
    /** The worker's V8 heap (MB): its retained documents and rebuild batches fit; the process stays within 400 MB RSS. */
    heapMb: 128,
    /** The worker's nursery (MB): V8 grows it to ~48 MB under batches, which RSS pays; batches die young within 12. */
    youngGenerationMb: 12,
    /** After a catch-up this long, a fresh worker follows live (measured: ~120 MB heap after one, ~20 MB fresh). */
    freshWorkerAfterEvents: 50_000,
    /** Page cache (KiB) of the worker's read-model connection: smaller than the API thread's, which serves the queries. */
    readModelCacheKib: 16 * 1024,
    /** Hot documents kept between batches: reads skip the store, a catch-up stores each every 15,000 changes. */
    retainedDocuments: 15_000,
    /** Events per batch of an in-place rebuild (a projection version change), within the capped heap. */
    rebuildBatchEvents: 10_000,
  },

  /** The replay worker (embedded store): asOf answers and cycle diffs, on its own heap. */
  replayWorker: {
    /** Default V8 heap (MB) of POINT_IN_TIME_HEAP_MB: one replayed state of 10,000 objectives (~85 MB) with room. */
    heapMb: 512,
    /** Nursery (MB): a replay's ~1 KB of garbage per event dies there (measured: first alignment asOf 0.9–2.1 s, not 2.1–2.5). */
    youngGenerationMb: 64,
    /** Alignment trees of final instants kept for repeated questions (never re-serialised at one instant). */
    alignmentTrees: 2,
    /** Snapshots kept in memory when none are persisted (compressed: ~11 MB each for 85,000 documents). */
    memorySnapshots: 2,
  },

  /** Point-in-time replays (asOf, cycle diffs, the CLI), in the replay worker or in process. */
  replays: {
    /** Events per replay batch (any size, same documents); building snapshots ahead gives way between batches. */
    batchEvents: 5_000,
    /** A snapshot at every multiple of this position: a question replays at most this many events after one. */
    snapshotEveryEvents: 25_000,
    /** Documents per snapshot chunk: inflated without a huge string, yet compressing well. */
    snapshotChunkDocuments: 2_000,
    /** In-memory snapshots kept at most by a replay in the API process (fewer when its heap leaves less room). */
    maxMemorySnapshots: 8,
    /** Heap (bytes) per replayed document (measured: 75 MB for 84,866 documents, ~880 B each; plus the query's garbage). */
    bytesPerDocument: 1_000,
    /** Heap (bytes) an in-memory snapshot holds per document, gzipped (11.2 MB for those 84,866 documents). */
    snapshotBytesPerDocument: 140,
    /** Share of its heap limit an in-process replay may fill (beyond: 503, never an out-of-memory crash). */
    heapShare: 0.85,
  },

  /** The event stores and the hash chain over them. */
  eventStore: {
    /** Streams whose last hash is remembered: the next append to one links to it without reading the stream. */
    chainedStreams: 50_000,
    /** Key lists whose sorted order canonical JSON remembers (emptied when full): events of one type share a few. */
    canonicalShapes: 2_048,
    /** LIMITs given a prepared statement of their own (a literal LIMIT costs ~15 µs less than a bound one); others bind it. */
    limitStatements: 16,
    /** Events read per page by subscriptions (embedded and in-memory stores). */
    subscriptionPageEvents: 1_000,
    /** Events per read of EventStoreDB's `$all`. */
    eventStoreDbReadPageEvents: 1_000,
    /** Event ids of recent appends EventStoreDB's adapter remembers, to detect a re-used id without a round trip. */
    eventStoreDbRecentEventIds: 10_000,
  },

  /** The read-model stores. */
  readModels: {
    /** Page cache (KiB) of a SQLite connection the store opens itself, unless told otherwise (SQLite's default: 2 MiB). */
    pageCacheKib: 64 * 1024,
    /** Prepared find/count statements kept per collection (least recently used dropped). */
    queryStatements: 64,
    /** Upserts per multi-row statement: a rebuild writes whole collections; one statement per row costs ~2× the CPU. */
    upsertRows: 50,
    /** WAL pages before a checkpoint: each rewritten page copied back once per checkpoint, ~2× random-upsert throughput. */
    walAutocheckpointPages: 10_000,
    /** Documents per page of a collection scan, unless the caller asks otherwise. */
    scanPageDocuments: 500,
    /** Documents per page when MongoDB backfills a newly indexed field. */
    mongoBackfillPageDocuments: 1_000,
  },

  /** The projection runner (embedded worker, external projector, rebuilds). */
  projectionRunner: {
    /** Events per batch (a batch is one unit of work: each touched document written once, with the checkpoint). */
    batchEvents: 1_000,
    /** Events read (and decoded) at a time within a batch. */
    readPageEvents: 1_000,
    /** Documents of write-only collections stored ahead of the checkpoint once this many are waiting. */
    aheadWrites: 20_000,
    /** Documents the external projector retains while it holds the lease (its own process, its own memory). */
    projectorRetainedDocuments: 100_000,
    /** Events per batch of `npm run projections:rebuild`: each batch ends with one settle; fewer batches settle less. */
    rebuildBatchEvents: 100_000,
    /** Documents a rebuild retains before storing them (about 1 KB each: ~250 MB at the bound). */
    rebuildRetainedDocuments: 250_000,
  },

  /** Reads of the whole log, a page at a time: the page is the most such a read holds at once besides its own state. */
  logReads: {
    /** The Directory's catch-up. */
    directoryPageEvents: 5_000,
    /** Time-series folds: small, as the API thread's nursery is (a page outliving a scavenge gets promoted). */
    timeSeriesPageEvents: 500,
    /** The cycle event export. */
    exportPageEvents: 1_000,
    /** The audit trail. */
    auditPageEvents: 2_000,
    /** Events one audit request reads at most (then it answers with a cursor to continue from). */
    auditScanEvents: 20_000,
    /** Hash-chain verification. */
    verifyPageEvents: 1_000,
    /** "Is there any OKR data yet?" at start-up, on stores without an index for it. */
    okrDataProbePageEvents: 5_000,
  },

  /** Streamed answers: chunk sizes written to the response. */
  responses: {
    /** Entities per chunk of a time series as JSON (a large cycle's answer is tens of MB, never one string). */
    timeSeriesJsonEntities: 500,
    /** Lines per chunk of a time series as CSV. */
    timeSeriesCsvLines: 2_000,
  },
} as const);

/** The groups and the whole, frozen: the budget is changed here, never at run time. */
function deepFrozen<T extends Record<string, object>>(groups: T): T {
  for (const group of Object.values(groups)) Object.freeze(group);
  return Object.freeze(groups);
}
