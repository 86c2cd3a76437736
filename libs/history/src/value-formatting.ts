/** How history writes values in its sentences (always en-US digits, so summaries do not depend on the server's locale). */
const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });
const SHARE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export function formatNumber(value: number): string {
  return NUMBER.format(value);
}

/** A metric value with its unit: "2.5 %", "1,200 €", "30 users"; a milestone is "done" or "not done". */
export function formatMetricValue(value: number, unit: string | null | undefined, metricType?: string | null): string {
  if (metricType === 'milestone') return value >= 1 ? 'done' : 'not done';
  return unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
}

/** A fraction 0..1 (confidence, score, grade) as a percentage: 0.7 → "70 %". */
export function formatShare(value: number | null | undefined): string {
  return value === null || value === undefined ? 'none' : `${SHARE.format(value * 100)} %`;
}

export function quoted(text: string): string {
  return `'${text}'`;
}

/** A long text cut to `max` characters, quoted. */
export function excerpt(text: string | null | undefined, max = 60): string {
  if (text === null || text === undefined || text === '') return 'none';
  return quoted(text.length > max ? `${text.slice(0, max - 1)}…` : text);
}

/** "2026-01-03" for midnight UTC, else "2026-01-03 14:30 UTC". */
export function formatInstant(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = date.toISOString();
  return text.slice(11, 23) === '00:00:00.000' ? text.slice(0, 10) : `${text.slice(0, 10)} ${text.slice(11, 16)} UTC`;
}

/** An enum value for a sentence: "in_progress" → "in progress". */
export function words(value: string): string {
  return value.replace(/_/g, ' ');
}

export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "a", "a and b", "a, b and c". */
export function listed(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
