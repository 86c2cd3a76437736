/** @okr/budget — the memory and batch budget: every heap limit, cache size and batch size, with its reason (pure, imports nothing). */
export { BUDGET } from './budget';
