import { readFileSync, readdirSync } from 'node:fs';

/** CPU time (user + system, ms) of one thread or process, from the fields of a /proc/…/stat text. */
export function parseStatCpuMs(text: string, ticksPerSecond = 100): { name: string; cpuMs: number } | undefined {
  // The command name is in parentheses and may itself hold spaces or parentheses: split after the last ')'.
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const fields = text.slice(close + 2).split(' ');
  // After the name: state is field 3 of stat(5), so utime (14) and stime (15) are at 11 and 12 here.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return undefined;
  return { name: text.slice(open + 1, close), cpuMs: ((utime + stime) * 1000) / ticksPerSecond };
}

/**
 * CPU time so far of each thread of a process, and the whole process's; undefined once it has exited. Threads
 * are grouped by name, except the main thread (the one whose id is the pid), reported as `main`.
 */
export function readThreadCpu(pid: number): { totalMs: number; threads: Map<string, number> } | undefined {
  try {
    const threads = new Map<string, number>();
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = parseStatCpuMs(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8'));
      if (!stat) continue;
      const name = tid === String(pid) ? 'main' : stat.name;
      threads.set(name, (threads.get(name) ?? 0) + stat.cpuMs);
    }
    const total = parseStatCpuMs(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    return total ? { totalMs: total.cpuMs, threads } : undefined;
  } catch {
    return undefined;
  }
}

/** CPU spent by a process between two readings, in total and per thread name (threads that did work only). */
export function cpuBetween(
  before: NonNullable<ReturnType<typeof readThreadCpu>>,
  after: NonNullable<ReturnType<typeof readThreadCpu>>,
): { totalMs: number; threads: Record<string, number> } {
  const threads: Record<string, number> = {};
  for (const [name, ms] of after.threads) {
    const spent = ms - (before.threads.get(name) ?? 0);
    if (spent > 0) threads[name] = spent;
  }
  return { totalMs: after.totalMs - before.totalMs, threads };
}
