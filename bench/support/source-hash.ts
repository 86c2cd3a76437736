import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** TypeScript sources under `dirs` (a file stands for itself; tests and node_modules left out), as paths relative to `root`, sorted. */
export function sourceFiles(root: string, dirs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(path);
      } else if (entry.name.endsWith('.ts') && !/\.(spec|e2e-spec)\.ts$/.test(entry.name)) out.push(relative(root, path));
    }
  };
  for (const dir of dirs) {
    if (statSync(dir).isDirectory()) walk(dir);
    else out.push(relative(root, dir));
  }
  return out.sort();
}

/** SHA-256 over the paths and contents of the sources under `dirs`: any change to a source changes it. */
export function hashSources(root: string, dirs: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of sourceFiles(root, dirs)) {
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(root, file)))
      .update('\0');
  }
  return hash.digest('hex');
}
