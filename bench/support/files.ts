import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The SQLite files of the embedded stores (with their WAL and shared-memory siblings, if any). */
export const EVENT_STORE_FILES = /^okr\.db(-wal|-shm)?$/;
export const ALL_STORE_FILES = /^(okr|read-models)\.db(-wal|-shm)?$/;

/**
 * Copies the store files of `from` matching `pattern` into a fresh `to` (emptied first). Copy the files
 * of a closed store only: the WAL must not move while copying.
 */
export function copyStoreFiles(from: string, to: string, pattern: RegExp): { files: string[]; bytes: number } {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  const files = readdirSync(from).filter((name) => pattern.test(name));
  let bytes = 0;
  for (const name of files) {
    copyFileSync(join(from, name), join(to, name));
    bytes += statSync(join(to, name)).size;
  }
  return { files, bytes };
}

/** Total size of the store files in `dir`. */
export function storeBytes(dir: string, pattern: RegExp = ALL_STORE_FILES): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir)
    .filter((name) => pattern.test(name))
    .reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
