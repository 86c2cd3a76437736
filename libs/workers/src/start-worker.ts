import { extname, join } from 'node:path';
import { ResourceLimits, Worker } from 'node:worker_threads';

/**
 * Starts a worker thread on the entry `<entry>` beside the calling module (`dir`: its __dirname): the .js file in
 * the built application; the .ts source under jest, compiled on the fly by typescript-hook.js. `workerData` reaches
 * the worker as is; `resourceLimits` caps its heap (old and young generations).
 */
export function startWorker(dir: string, entry: string, workerData: object, resourceLimits?: ResourceLimits): Worker {
  if (extname(__filename) !== '.ts') return new Worker(join(dir, `${entry}.js`), { workerData, resourceLimits });
  const bootstrap = `require(${JSON.stringify(join(__dirname, 'typescript-hook.js'))}); require(${JSON.stringify(join(dir, `${entry}.ts`))});`;
  return new Worker(bootstrap, { eval: true, workerData, resourceLimits });
}
