import { UsageError } from './cli-errors';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * The instant an option names, as a canonical ISO string (what both backends are asked about, so both answer
 * the same question): an ISO-8601 timestamp with a timezone, or a date `YYYY-MM-DD` meaning its start,
 * 00:00 UTC. Anything else is a UsageError naming the option.
 */
export function parseInstant(option: string, value: string, command?: string): string {
  const trimmed = value.trim();
  const text = DATE_ONLY.test(trimmed) ? `${trimmed}T00:00:00Z` : trimmed;
  const instant = WITH_ZONE.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(instant) || (DATE_ONLY.test(trimmed) && new Date(instant).toISOString().slice(0, 10) !== trimmed)) {
    throw new UsageError(
      `--${option} must be a date (YYYY-MM-DD, read as 00:00 UTC) or an ISO-8601 timestamp with a timezone, e.g. 2026-03-01T09:30:00Z (got ${JSON.stringify(value)})`,
      command,
    );
  }
  return new Date(instant).toISOString();
}
