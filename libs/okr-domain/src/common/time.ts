import { InvalidInputError } from './errors';

/** Instants travel as ISO-8601 strings (UTC, millisecond precision), calendar dates as 'YYYY-MM-DD'. */
export type Instant = string;
export type CalendarDate = string;

export function toMillis(instant: Instant, field = 'instant'): number {
  const ms = Date.parse(instant);
  if (!Number.isFinite(ms)) throw new InvalidInputError('time.invalid', `${field} is not a valid ISO-8601 instant`, field);
  return ms;
}

/** The first instant of a calendar date, UTC. */
export function startOfDay(date: CalendarDate): number {
  return Date.parse(`${date}T00:00:00.000Z`);
}

/** The first instant after a calendar date, UTC (cycles include their end date). */
export function endOfDay(date: CalendarDate): number {
  return startOfDay(date) + 24 * 60 * 60 * 1000;
}

export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = startOfDay(value);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}
