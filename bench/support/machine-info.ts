import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, freemem, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './paths';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  totalMemoryBytes: number;
  freeMemoryBytes: number;
  /** 1, 5 and 15-minute load averages when the run started (in a VM this may count idle vCPU threads). */
  loadAverageAtStart: number[];
  /** Share of CPU time busy over one second before the run (from /proc/stat): other work skews every figure. */
  cpuBusyAtStart?: number;
  node: string;
  platform: string;
  kernel: string;
  versions: Record<string, string>;
  git?: { commit: string; changedFiles: number };
}

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function gitState(): MachineInfo['git'] {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const status = execFileSync('git', ['status', '--porcelain'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return { commit, changedFiles: status.split('\n').filter(Boolean).length };
  } catch {
    return undefined;
  }
}

function sqliteVersion(): string {
  const db = new Database(':memory:');
  try {
    return String(db.prepare('SELECT sqlite_version()').pluck().get());
  } finally {
    db.close();
  }
}

/** Busy share of all CPUs over `ms` (Linux /proc/stat), or undefined elsewhere. */
export async function cpuBusy(ms = 1000): Promise<number | undefined> {
  const read = () => {
    try {
      const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
      const idle = fields[3] + (fields[4] ?? 0);
      return { idle, total: fields.reduce((a, b) => a + b, 0) };
    } catch {
      return undefined;
    }
  };
  const before = read();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = read();
  if (!before || !after || after.total === before.total) return undefined;
  return Math.round((1 - (after.idle - before.idle) / (after.total - before.total)) * 1000) / 1000;
}

/** What the figures were measured on. */
export async function machineInfo(): Promise<MachineInfo> {
  const list = cpus();
  return {
    cpuBusyAtStart: await cpuBusy(),
    cpus: list.length,
    cpuModel: list[0]?.model ?? 'unknown',
    totalMemoryBytes: totalmem(),
    freeMemoryBytes: freemem(),
    loadAverageAtStart: loadavg().map((n) => Math.round(n * 100) / 100),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    kernel: release(),
    versions: {
      sqlite: sqliteVersion(),
      'better-sqlite3': packageVersion('better-sqlite3'),
      '@nestjs/core': packageVersion('@nestjs/core'),
      fastify: packageVersion('fastify'),
      autocannon: packageVersion('autocannon'),
    },
    git: gitState(),
  };
}
