import type { AuditVerifyAnswer, AlignmentAnswerHead, AlignmentNode, CycleSummaryView, CycleDiffBody } from '@okr/reads';

/** GET /api/cycles/:id/alignment?asOf=T, parsed. */
export type AlignmentAnswerJson = AlignmentAnswerHead & { roots: AlignmentNode[] };
/** GET /api/cycles/:id/diff?from&to. */
export type CycleDiffJson = { cycleId: string; from: string; to: string } & CycleDiffBody;
/** GET /api/audit/verify. */
export type VerifyJson = AuditVerifyAnswer;
export type CycleSummary = CycleSummaryView;
export type ExportFormat = 'jsonl' | 'csv';
export type TimeSeriesInterval = 'day' | 'week';
export type TimeSeriesFormat = 'csv' | 'json';
/** The question of GET /api/cycles/:id/timeseries: interval, format, and optionally the boundaries' range. */
export interface TimeSeriesRequest {
  interval: TimeSeriesInterval;
  format: TimeSeriesFormat;
  from?: string;
  to?: string;
}

/** How far a long run has got: `done` of `total` (unknown total: a count of `unit`s). */
export type ProgressListener = (done: number, total: number | undefined, unit: 'events' | 'bytes') => void;

/**
 * Where the CLI's answers come from. Both implementations answer with the JSON (or file text) the API's
 * endpoints return, so every command renders the same output whichever is used: the embedded store (the
 * application's own services over the files, read-only) or a running API (HTTP).
 */
export interface OkrBackend {
  /** For messages: the data directory or the API's URL. */
  readonly description: string;
  /** GET /api/cycles (`progress`: the embedded store may replay the log first). */
  cycles(progress?: ProgressListener): Promise<CycleSummary[]>;
  /** GET /api/cycles/:id/alignment?asOf= */
  alignmentAt(cycleId: string, at: string, progress?: ProgressListener): Promise<AlignmentAnswerJson>;
  /** GET /api/cycles/:id/diff?from&to */
  diff(cycleId: string, from: string, to: string, progress?: ProgressListener): Promise<CycleDiffJson>;
  /** GET /api/cycles/:id/timeseries?interval&format&from&to: the answer's text, chunk by chunk. */
  timeSeries(cycleId: string, request: TimeSeriesRequest, progress?: ProgressListener): Promise<AsyncIterable<string | Uint8Array>>;
  /** GET /api/audit/verify */
  verify(progress?: ProgressListener): Promise<VerifyJson>;
  /** GET /api/cycles/:id/events?format: the file's text, chunk by chunk, read as it is consumed. */
  exportEvents(cycleId: string, format: ExportFormat, progress?: ProgressListener): Promise<AsyncIterable<string | Uint8Array>>;
  close(): Promise<void>;
}
