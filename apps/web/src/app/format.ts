/** Dates and numbers as people read them (en-GB: 3 Feb 2026; the user's own time zone). */
const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const DATE_TIME = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export const formatDate = (iso: string) => DATE.format(dateOf(iso));
export const formatDateTime = (iso: string) => DATE_TIME.format(new Date(iso));

/** A date-only value (2026-02-03) as that local day; anything else as the instant it is. */
function dateOf(value: string): Date {
  if (!DATE_ONLY.test(value)) return new Date(value);
  const [y, m, d] = value.split('-').map(Number);
  return new Date(y, m - 1, d);
}

/** YYYY-MM-DD of a local day (what a date input takes). */
export function dateInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Whether a URL value is a date (2026-02-03) or an instant (ISO-8601 with a time zone). */
export function isDateValue(value: string): boolean {
  if (DATE_ONLY.test(value)) return dateInput(dateOf(value)) === value;
  return /T.*(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value));
}

/** How far behind this browser's clock "now" is asked for, so that a server whose clock is a little behind takes it. */
const CLOCK_MARGIN_MS = 60_000;

/**
 * The instant an "as of" value stands for: a date means the end of that day (all that was recorded that day), never
 * later than now (the server refuses the future); an instant is itself.
 */
export function instantOf(value: string, now: Date = new Date()): string {
  if (!DATE_ONLY.test(value)) return new Date(value).toISOString();
  const end = dateOf(value);
  end.setHours(23, 59, 59, 999);
  return new Date(Math.min(end.getTime(), now.getTime() - CLOCK_MARGIN_MS)).toISOString();
}

/** "today", "1 day ago", "12 days ago". */
export function daysAgo(iso: string, now: Date = new Date()): string {
  const days = Math.max(0, Math.floor((now.getTime() - new Date(iso).getTime()) / DAY_MS));
  return days === 0 ? 'today' : days === 1 ? '1 day ago' : `${days} days ago`;
}

/** A 0–1 fraction as a whole percentage: 0.426 → "43 %". */
/** Values as people read them: "1,250", "2.5". */
const NUMBER = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 4 });
export const formatNumber = (value: number) => NUMBER.format(value);

export const percent = (fraction: number) => `${Math.round(fraction * 100)} %`;

/** A change of a 0–1 fraction in percentage points: +0.05 → "+5 pts". */
export function points(delta: number): string {
  const value = Math.round(delta * 100);
  return `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value)} pts`;
}
