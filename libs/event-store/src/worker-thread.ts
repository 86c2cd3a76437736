import { extname, join, resolve } from 'node:path';
import { ResourceLimits, Worker } from 'node:worker_threads';

/**
 * Run from TypeScript sources (tests under jest): the worker compiles them on the fly with @swc/core (the
 * compiler jest already uses) and resolves the @okr/* path aliases. The built application runs the .js entry.
 */
const TYPESCRIPT_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const swc = require(require.resolve('@swc/core', { paths: [workerData.root] }));
const aliases = [['@okr/domain', 'libs/okr-domain/src'], ['@okr/event-store', 'libs/event-store/src'], ['@okr/read-model', 'libs/read-model/src'], ['@okr/projections', 'libs/projections/src'], ['@okr/history', 'libs/history/src']];
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  for (const [alias, dir] of aliases) {
    if (request === alias || request.startsWith(alias + '/')) { request = path.join(workerData.root, dir, request.slice(alias.length)); break; }
  }
  return resolveFilename.call(this, request, ...rest);
};
require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
require(workerData.entry);
`;

/** The repository root, seen from this file (libs/event-store/src), in sources and in the build alike. */
const REPO_ROOT = resolve(__dirname, '../../..');

/**
 * Starts a worker thread on the entry `<name>` beside the calling module (`dir`: its __dirname): the .js file in
 * the built application, the .ts source under jest. `workerData` reaches the worker as is. Shared by every worker
 * of the application (the event store's writer, the API's projection and point-in-time workers).
 */
export function startWorkerThread(dir: string, name: string, workerData: object, resourceLimits?: ResourceLimits): Worker {
  const typescript = extname(__filename) === '.ts';
  const entry = join(dir, `${name}${typescript ? '.ts' : '.js'}`);
  return typescript
    ? new Worker(TYPESCRIPT_BOOTSTRAP, { eval: true, workerData: { ...workerData, entry, root: REPO_ROOT }, resourceLimits })
    : new Worker(entry, { workerData, resourceLimits });
}
