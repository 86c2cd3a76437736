/** Injection token of the configured ReadModelStore adapter. */
export const READ_MODEL_STORE = Symbol('READ_MODEL_STORE');

/** Whether the API runs the projections itself ('embedded') or leaves them to a separate projector ('external'). */
export const PROJECTOR_MODE = Symbol('PROJECTOR_MODE');
export type ProjectorMode = 'embedded' | 'external';
