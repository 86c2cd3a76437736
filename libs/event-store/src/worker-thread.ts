/** Until the writer thread moves onto @okr/workers' channel: the one way to start a worker thread. */
export { startWorker as startWorkerThread } from '@okr/workers';
