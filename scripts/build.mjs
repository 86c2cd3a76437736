// npm run build [-- OUT_DIR]: compiles the applications into OUT_DIR (default dist) and the web app (vite) into
// OUT_DIR/web without ever pulling them from under a running server. The new build is compiled beside the old one
// (OUT_DIR/.next), then each new or changed file takes the place of the old one by a rename (atomic: a reader sees the
// old file or the new one, never a gap or half a file), and the files of sources that are gone are deleted last. A failed compilation changes nothing.
import { spawnSync } from 'node:child_process';
import console from 'node:console';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(root, process.argv[2] ?? 'dist');
const STAGING = '.next';
const staging = join(out, STAGING);
const WEB_INDEX = join('web', 'index.html');

try {
  rmSync(staging, { recursive: true, force: true });
  compile('tsc', ['-p', 'tsconfig.build.json', '--outDir', staging]);
  compile('tsc-alias', ['-p', 'tsconfig.build.json', '--outDir', staging]);
  // Always the production build of React & co., whatever NODE_ENV the caller runs with (jest sets it to "test").
  compile('vite', ['build', 'apps/web', '--outDir', join(staging, 'web'), '--emptyOutDir', '--logLevel', 'warn'], {
    NODE_ENV: 'production',
  });
  publish();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  rmSync(staging, { recursive: true, force: true });
}

function compile(tool, args, env = {}) {
  const run = spawnSync(join(root, 'node_modules', '.bin', tool), args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (run.status !== 0) throw new Error(`${tool} failed (${run.error?.message ?? `exit code ${run.status}`}): ${out} is unchanged`);
}

function publish() {
  // The web app's index.html last: once a browser can load it, the files it names are in place.
  const fresh = filesUnder(staging).sort((a, b) => Number(a === WEB_INDEX) - Number(b === WEB_INDEX));
  for (const file of fresh) {
    const target = join(out, file);
    if (sameContent(join(staging, file), target)) continue;
    mkdirSync(dirname(target), { recursive: true });
    renameSync(join(staging, file), target);
  }
  const kept = new Set(fresh);
  for (const file of filesUnder(out)) if (!kept.has(file)) rmSync(join(out, file));
  removeEmptyDirectories(out);
}

/** Paths of the files under `dir`, relative to it (the staging directory left out). */
function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)))
    .filter((file) => file !== STAGING && !file.startsWith(`${STAGING}/`));
}

function sameContent(a, b) {
  try {
    return statSync(a).size === statSync(b).size && readFileSync(a).equals(readFileSync(b));
  } catch {
    return false;
  }
}

function removeEmptyDirectories(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === STAGING) continue;
    const path = join(dir, entry.name);
    removeEmptyDirectories(path);
    if (readdirSync(path).length === 0) rmdirSync(path);
  }
}
