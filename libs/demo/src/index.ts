export * from './demo-calendar';
export * from './demo-plan';
export * from './demo-simulation';
export * from './demo-summary';
export * from './random';
export * from './seed-arguments';
export * from './seeded-id-generator';
export * from './store-has-okr-data';
