/** Injection token of the configured ReadModelStore adapter. */
export const READ_MODEL_STORE = Symbol('READ_MODEL_STORE');

/** Whether the API runs the projections itself ('embedded') or leaves them to a separate projector ('external'). */
export const PROJECTOR_MODE = Symbol('PROJECTOR_MODE');
export type ProjectorMode = 'embedded' | 'external';

/**
 * Injection token of the projection worker's settings (ProjectionWorkerData): set when the embedded runner should
 * run in a worker thread (both embedded stores are SQLite files); unset, it runs on the API thread.
 */
export const PROJECTION_WORKER = Symbol('PROJECTION_WORKER');
