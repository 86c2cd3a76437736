import { WorkerChannel } from '../worker-channel';
import { TestRequests } from './test-worker-api';

/** Run alone in a process (`node -r typescript-hook.js`): nothing but the channel keeps it alive while it asks and closes. */
const channel = new WorkerChannel<TestRequests>({ dir: __dirname, entry: 'test-worker', name: 'test worker' });
void (async () => {
  console.log(await channel.request('echo', 'answered'));
  await channel.close();
  console.log('closed');
})();
