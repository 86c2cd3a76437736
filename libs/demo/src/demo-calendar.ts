/**
 * The simulated cycle: it starts `days` days before today (UTC) and lasts half as long again, so simulated day 0 is
 * its first day, simulated day `days` is today, and today is two thirds through it: after seeding, the organisation
 * is in the middle of its cycle, with a third of it still to go (60 days: a quarter of 90 days).
 */
export interface DemoCalendar {
  /** First day of the cycle, YYYY-MM-DD. */
  startsOn: string;
  /** Last day of the cycle (inclusive), YYYY-MM-DD; after today. */
  endsOn: string;
  /** Days in the cycle, endsOn included. */
  lengthDays: number;
  /** Simulated days run from 0 (startsOn) to `days` (today). */
  days: number;
  /** A name like '2026 Q2', from the quarter holding the cycle's middle. */
  name: string;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
/** Where today falls in the cycle. */
export const TODAY_IN_CYCLE = 2 / 3;

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Midnight UTC of simulated day `day`. */
export function dayStart(calendar: DemoCalendar, day: number): number {
  return Date.parse(`${calendar.startsOn}T00:00:00.000Z`) + day * DAY_MS;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(calendar: DemoCalendar, day: number): number {
  return new Date(dayStart(calendar, day)).getUTCDay();
}

export function demoCalendar(days: number, now: Date): DemoCalendar {
  const today = Date.parse(`${isoDate(now.getTime())}T00:00:00.000Z`);
  const start = today - days * DAY_MS;
  // At least a day after today, so that the cycle is still running.
  const lengthDays = Math.max(days + 2, Math.round(days / TODAY_IN_CYCLE));
  const end = start + (lengthDays - 1) * DAY_MS;
  const middle = new Date(start + Math.floor(lengthDays / 2) * DAY_MS);
  const name = `${middle.getUTCFullYear()} Q${Math.floor(middle.getUTCMonth() / 3) + 1}`;
  return { startsOn: isoDate(start), endsOn: isoDate(end), lengthDays, days, name };
}
