/** Where a progress bar draws: stderr in the CLI (only a terminal gets one). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export type ProgressUnit = 'events' | 'bytes';

const BAR_WIDTH = 20;
const DEFAULT_COLUMNS = 80;

/** "12,345 events" or "3.4 MB". */
export function formatAmount(amount: number, unit: ProgressUnit): string {
  if (unit === 'events') return `${Math.round(amount).toLocaleString('en')} events`;
  if (amount < 1024) return `${amount} B`;
  if (amount < 1024 * 1024) return `${(amount / 1024).toFixed(1)} KB`;
  return `${(amount / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * One line of progress: `label [#######.........]  42.0 % 420/1,000 events, 3 s left` with a total, or
 * `label 3.4 MB` without one; cut to `columns - 1` characters (no wrap on narrow terminals).
 */
export function formatProgressLine(
  label: string,
  done: number,
  total: number | undefined,
  unit: ProgressUnit,
  elapsedMs: number,
  columns = DEFAULT_COLUMNS,
): string {
  let line: string;
  if (total === undefined || total <= 0) line = `${label} ${formatAmount(done, unit)}`;
  else {
    const fraction = Math.min(1, Math.max(0, done / total));
    const filled = Math.round(fraction * BAR_WIDTH);
    const percent = (fraction * 100).toFixed(1).padStart(5);
    const remaining = fraction > 0 && fraction < 1 ? `, ${Math.ceil((elapsedMs * (1 - fraction)) / fraction / 1000)} s left` : '';
    line = `${label} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${percent} % ${Math.round(done).toLocaleString('en')}/${formatAmount(total, unit)}${remaining}`;
  }
  // A terminal that reports no width (0: some pseudo-terminals) gets the default.
  const max = Math.max(10, (columns || DEFAULT_COLUMNS) - 1);
  return line.length > max ? line.slice(0, max) : line;
}

/**
 * A progress bar on a terminal: redrawn in place (carriage return) at most every `intervalMs`, and erased by
 * `finish()` so that nothing of it stays in the output. When the stream is not a terminal (a pipe, a file, a
 * CI log) it draws nothing at all: progress is for people watching, and logs stay clean.
 */
export class ProgressBar {
  private readonly started: number;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private drawnWidth = 0;

  constructor(
    private readonly stream: ProgressStream,
    private readonly label: string,
    private readonly now: () => number = Date.now,
    private readonly intervalMs = 100,
  ) {
    this.started = now();
  }

  get enabled(): boolean {
    return this.stream.isTTY === true;
  }

  update(done: number, total: number | undefined, unit: ProgressUnit): void {
    if (!this.enabled) return;
    const now = this.now();
    const complete = total !== undefined && done >= total;
    if (now - this.lastDraw < this.intervalMs && !complete) return;
    this.lastDraw = now;
    const line = formatProgressLine(this.label, done, total, unit, now - this.started, this.stream.columns);
    this.stream.write(`\r${line}${' '.repeat(Math.max(0, this.drawnWidth - line.length))}`);
    this.drawnWidth = line.length;
  }

  /** Erases the bar (if one was drawn). */
  finish(): void {
    if (!this.enabled || this.drawnWidth === 0) return;
    this.stream.write(`\r${' '.repeat(this.drawnWidth)}\r`);
    this.drawnWidth = 0;
  }
}
