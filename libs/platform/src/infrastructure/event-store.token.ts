/** Injection token of the configured EventStore adapter. */
export const EVENT_STORE = Symbol('EVENT_STORE');
