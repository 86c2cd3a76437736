/**
 * Runs the TypeScript sources (under jest, in a worker thread or a child process): compiles each .ts file with
 * @swc/core, the compiler jest uses, and resolves the path aliases of tsconfig.json (`paths`, the one list of them).
 * Loaded with `node -r`, or by startWorker's bootstrap; the built application never loads it.
 */
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../../..');
const swc = require(require.resolve('@swc/core', { paths: [root] }));
const { paths } = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8')).compilerOptions;
const aliases = Object.entries(paths)
  .filter(([alias]) => !alias.endsWith('/*'))
  .map(([alias, [dir]]) => [alias, path.join(root, dir)]);

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const found = aliases.find(([alias]) => request === alias || request.startsWith(`${alias}/`));
  return resolveFilename.call(this, found ? found[1] + request.slice(found[0].length) : request, ...rest);
};
require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
