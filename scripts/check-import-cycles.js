/**
 * No import cycles, between files or between folders (`npm run lint`). Folders: every directory of apps/ (the web
 * app's .tsx included) and libs/, its production files only (tests and testing/ helpers may sit beside what they
 * test and use the whole app); an index.ts barrel only re-exports its folder's children, so it is not an import of
 * its folder.
 * Exits 1, naming each cycle and one import of every step, when there is one.
 */
const madge = require('madge');
const { dirname } = require('node:path');

const isTest = (file) => /\.(spec|e2e-spec|backend-spec)\.ts$|\.test\.tsx?$/.test(file) || file.includes('/testing/');
const isBarrel = (file) => file.endsWith('/index.ts');

/** Strongly connected components with more than one node (Tarjan). */
function cycles(graph) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (node) => {
    index.set(node, index.size);
    low.set(node, index.get(node));
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node), index.get(next)));
    }
    if (low.get(node) === index.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

async function main() {
  const result = await madge(['apps', 'libs'], { fileExtensions: ['ts', 'tsx'], tsConfig: 'tsconfig.json' });
  const fileCycles = result.circular();
  for (const cycle of fileCycles) console.error(`file cycle: ${cycle.join(' -> ')} -> ${cycle[0]}`);

  const folders = new Map(); // folder -> Set(folder)
  const example = new Map(); // "a -> b" -> one import that makes it
  for (const [file, imports] of Object.entries(result.obj())) {
    if (isTest(file) || isBarrel(file)) continue;
    for (const imported of imports) {
      if (isTest(imported) || dirname(file) === dirname(imported)) continue;
      const [from, to] = [dirname(file), dirname(imported)];
      if (!folders.has(from)) folders.set(from, new Set());
      folders.get(from).add(to);
      if (!example.has(`${from} -> ${to}`)) example.set(`${from} -> ${to}`, `${file} imports ${imported}`);
    }
  }
  const folderCycles = cycles(folders);
  for (const component of folderCycles) {
    console.error(`folder cycle among ${component.join(', ')}:`);
    for (const from of component)
      for (const to of folders.get(from))
        if (component.includes(to)) console.error(`  ${from} -> ${to} (${example.get(`${from} -> ${to}`)})`);
  }
  if (fileCycles.length + folderCycles.length > 0) process.exit(1);
  console.log(`No import cycles (${Object.keys(result.obj()).length} files).`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
