import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The parts of a V8 .cpuprofile (as written by `node --cpu-prof`) that a self-time summary needs. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface SelfTimeEntry {
  /** Function name and where it is (file relative to the repository, 1-based line). */
  function: string;
  location: string;
  selfMs: number;
  /** Share of the profile's busy time (idle excluded). */
  percent: number;
}

export interface CpuProfileSummary {
  file: string;
  /** Samples before this many ms after the profile's start were left out (e.g. the process's start-up). */
  fromMs: number;
  totalMs: number;
  idleMs: number;
  /** Garbage collection's share of the busy time. */
  gcPercent: number;
  top: SelfTimeEntry[];
}

/** Where a frame is: a repository-relative path (node_modules kept), a node: module, or the VM's own label. */
function locationOf(url: string, line: number, root: string): string {
  if (!url) return '';
  const path = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
  const shown = path.startsWith(root) ? relative(root, path) : path;
  return `${shown}:${line + 1}`;
}

/**
 * Self time per function (summed over every node of the call tree with the same function and place),
 * from the sample stream: each sample's time delta is charged to the node it hit.
 */
export function summariseCpuProfile(
  profile: CpuProfile,
  options: { root: string; top?: number; file?: string; fromMs?: number },
): CpuProfileSummary {
  const fromUs = (options.fromMs ?? 0) * 1000;
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  if (samples.length > 0) {
    let elapsedUs = 0;
    for (let i = 0; i < samples.length; i++) {
      elapsedUs += deltas[i] ?? 0;
      if (elapsedUs < fromUs) continue;
      // timeDeltas[i] is the time before sample i; the time after the last sample is unknown.
      const delta = i + 1 < deltas.length ? deltas[i + 1] : 0;
      selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + Math.max(0, delta));
    }
  } else {
    const interval =
      (profile.endTime - profile.startTime) /
      Math.max(
        1,
        profile.nodes.reduce((n, node) => n + (node.hitCount ?? 0), 0),
      );
    for (const node of profile.nodes) selfUs.set(node.id, (node.hitCount ?? 0) * interval);
  }
  const grouped = new Map<string, SelfTimeEntry>();
  let totalUs = 0;
  let idleUs = 0;
  let gcUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byNode.get(id)?.callFrame;
    if (!frame) continue;
    totalUs += us;
    if (frame.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    if (frame.functionName === '(garbage collector)') gcUs += us;
    const name = frame.functionName || '(anonymous)';
    const location = locationOf(frame.url, frame.lineNumber, options.root);
    const key = `${name}@${location}`;
    const entry = grouped.get(key) ?? { function: name, location, selfMs: 0, percent: 0 };
    entry.selfMs += us / 1000;
    grouped.set(key, entry);
  }
  const busyMs = (totalUs - idleUs) / 1000;
  const top = [...grouped.values()]
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, options.top ?? 15)
    .map((e) => ({ ...e, selfMs: Math.round(e.selfMs), percent: busyMs > 0 ? Math.round((1000 * e.selfMs) / busyMs) / 10 : 0 }));
  return {
    file: options.file ?? '',
    fromMs: options.fromMs ?? 0,
    totalMs: Math.round(totalUs / 1000),
    idleMs: Math.round(idleUs / 1000),
    gcPercent: busyMs > 0 ? Math.round(((100 * gcUs) / 1000 / busyMs) * 10) / 10 : 0,
    top,
  };
}

/** The newest .cpuprofile in `dir`, summarised from `fromMs` on; undefined when there is none. */
export function summariseLatestProfile(
  dir: string,
  root: string,
  options: { top?: number; fromMs?: number } = {},
): CpuProfileSummary | undefined {
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => join(dir, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (files.length === 0) return undefined;
  const profile = JSON.parse(readFileSync(files[0], 'utf8')) as CpuProfile;
  return summariseCpuProfile(profile, { root, top: options.top, fromMs: options.fromMs, file: relative(root, files[0]) });
}

/** The summary as indented text lines. */
export function formatProfileSummary(summary: CpuProfileSummary): string[] {
  const busy = summary.totalMs - summary.idleMs;
  const window = summary.fromMs > 0 ? ` from ${(summary.fromMs / 1000).toFixed(1)} s on` : '';
  const lines = [
    `CPU profile ${summary.file}${window}: ${(busy / 1000).toFixed(1)} s busy of ${(summary.totalMs / 1000).toFixed(1)} s, GC ${summary.gcPercent} %; top self time:`,
  ];
  for (const entry of summary.top) {
    lines.push(`  ${entry.percent.toFixed(1).padStart(5)} %  ${String(entry.selfMs).padStart(7)} ms  ${entry.function}  ${entry.location}`);
  }
  return lines;
}
