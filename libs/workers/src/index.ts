/** @okr/workers — one way to run a worker thread: start it (heap limit), request/reply by id, notices, errors that cross, restart, close. */
export { startWorker } from './start-worker';
export { WorkerChannel, WorkerUnavailableError } from './worker-channel';
export type { CrossingError, WorkerChannelOptions } from './worker-channel';
export { crossingError, serve } from './serve';
export type { Handlers, ServeOptions } from './serve';
