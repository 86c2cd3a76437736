import { readFileSync } from 'node:fs';

/** Memory figures of a process from /proc/<pid>/status, in bytes. */
export interface ProcessMemory {
  /** VmRSS: resident set size now. */
  rss: number;
  /** VmHWM: peak resident set size since the process started ("high water mark"). */
  peakRss: number;
}

/** Parses the VmRSS and VmHWM lines of a /proc/<pid>/status text (values are in kB = KiB). */
export function parseProcStatus(text: string): ProcessMemory | undefined {
  const field = (name: string): number | undefined => {
    const match = new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, 'm').exec(text);
    return match ? Number(match[1]) * 1024 : undefined;
  };
  const rss = field('VmRSS');
  const peakRss = field('VmHWM');
  return rss === undefined || peakRss === undefined ? undefined : { rss, peakRss };
}

/** The memory of a live process, or undefined once it has exited (or off Linux). */
export function readProcessMemory(pid: number): ProcessMemory | undefined {
  try {
    return parseProcStatus(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Samples a process's VmRSS every `intervalMs` and remembers the last VmHWM seen, so the peak is known
 * even after the process has exited. `mark(label)` records the peak at a named moment (e.g. "after start").
 */
export class RssSampler {
  private timer?: NodeJS.Timeout;
  private maxSampledRss = 0;
  private lastPeak = 0;
  private readonly startedAt = Date.now();
  readonly timeline: { atSeconds: number; rss: number }[] = [];
  readonly marks: { label: string; atSeconds: number; rss: number; peakRss: number }[] = [];

  constructor(
    private readonly pid: number,
    private readonly intervalMs = 500,
  ) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
    return this;
  }

  stop(): void {
    this.sample();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Records the current RSS and peak under `label`; returns the memory read. */
  mark(label: string): ProcessMemory | undefined {
    const memory = this.sample();
    if (memory) this.marks.push({ label, atSeconds: this.elapsed(), ...memory });
    return memory;
  }

  /** The highest VmHWM read so far (the kernel's own peak, not limited by the sampling interval). */
  get peakRss(): number {
    return this.lastPeak;
  }

  /** The highest VmRSS seen by sampling. */
  get maxSampled(): number {
    return this.maxSampledRss;
  }

  private sample(): ProcessMemory | undefined {
    const memory = readProcessMemory(this.pid);
    if (!memory) return undefined;
    this.maxSampledRss = Math.max(this.maxSampledRss, memory.rss);
    this.lastPeak = Math.max(this.lastPeak, memory.peakRss);
    this.timeline.push({ atSeconds: this.elapsed(), rss: memory.rss });
    return memory;
  }

  private elapsed(): number {
    return Math.round((Date.now() - this.startedAt) / 100) / 10;
  }
}
