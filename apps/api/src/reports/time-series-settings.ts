/** How the API computes time series (ApiModuleOptions.timeSeries). */
export const TIME_SERIES_SETTINGS = Symbol('TIME_SERIES_SETTINGS');

export interface TimeSeriesSettings {
  /**
   * Folds of a long stretch of the log read its later half in a worker thread on this file (the embedded SQLite
   * event store's), in parallel with the API thread's half. Unset: the fold runs on the API thread alone.
   */
  segmentWorker?: {
    eventStoreFile: string;
    /** From how many positions left to fold the worker is used (default 200,000: below, starting it costs more than it saves). */
    from?: number;
  };
  /**
   * Timelines are checkpointed in this SQLite file (decision 14): the first series of a cycle after a restart folds
   * only what was appended since. `readonly`: checkpoints are restored, never saved (the analyst CLI). Unset: none.
   */
  checkpoints?: {
    file: string;
    readonly?: boolean;
    /** Positions folded past a timeline's checkpoint before the next one is saved (default TIMELINE_CHECKPOINT_EVERY). */
    saveEvery?: number;
    /** How long after an answer its checkpoint is saved, in ms (default 1,000: the answer is streamed by then). */
    saveDelayMs?: number;
  };
}
