export * from './projection';
export * from './okr/okr-documents';
export * from './okr/okr.projection';
export * from './okr/rollup';
export * from './runner/projection-runner';
export * from './runner/rebuild';
export * from './runner/leased-projector';
export * from './runner/projection-version';
