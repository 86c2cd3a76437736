/** @okr/history — pure descriptions of the event log: who changed what, from what to what, in sentences. */
export * from './history-event';
export * from './entity-state';
export * from './field-changes';
export * from './history-folder';
export * from './history-entry';
export * from './name-book';
export * from './describe';
export * from './value-formatting';
