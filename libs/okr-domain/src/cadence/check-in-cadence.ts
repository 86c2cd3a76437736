import { InvalidInputError } from '../common/errors';
import { endOfDay, instantMillis, startOfDay } from '../common/time';

/**
 * How often a key result's owner is expected to check in. A named period rather than a number of days: these are
 * the choices the products users compare with offer, they read as words in history and in the UI, and a month is
 * not a number of days. Decision 20.
 */
export const CHECK_IN_CADENCES = ['weekly', 'fortnightly', 'monthly'] as const;
export type CheckInCadence = (typeof CHECK_IN_CADENCES)[number];

/** A tenant's cadence until its admin sets another. */
export const DEFAULT_CHECK_IN_CADENCE: CheckInCadence = 'weekly';

/** A check-in falling due within this long (2 days) is "due"; further away, the key result is up to date. */
export const DUE_SOON_MS = 2 * 24 * 60 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

export function isCheckInCadence(value: unknown): value is CheckInCadence {
  return typeof value === 'string' && (CHECK_IN_CADENCES as readonly string[]).includes(value);
}

/** A cadence as given in a command: one of CHECK_IN_CADENCES, else an InvalidInputError on `field`. */
export function checkInCadence(value: unknown, field = 'checkInCadence'): CheckInCadence {
  if (!isCheckInCadence(value)) {
    throw new InvalidInputError('check_in_cadence.invalid', `${field} must be one of ${CHECK_IN_CADENCES.join(', ')}`, field);
  }
  return value;
}

/**
 * The instant one cadence after `from` (epoch ms, UTC): 7 or 14 days later, or the same day and time of the next
 * month (the 31st of January gives the 28th or 29th of February).
 */
export function addCadence(from: number, cadence: CheckInCadence): number {
  switch (cadence) {
    case 'weekly':
      return from + 7 * DAY_MS;
    case 'fortnightly':
      return from + 14 * DAY_MS;
    case 'monthly': {
      const date = new Date(from);
      const year = date.getUTCFullYear();
      const month = date.getUTCMonth() + 1;
      const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
      date.setUTCFullYear(year, month, Math.min(date.getUTCDate(), lastDay));
      return date.getTime();
    }
  }
}

/** Where a key result stands with its check-ins. */
export type CheckInStanding = 'overdue' | 'due' | 'up_to_date';

export interface CheckInDueInput {
  /** The key result's cadence (its own, else its tenant's). */
  cadence: CheckInCadence;
  /**
   * The effective time of the key result's current check-in, the one latestCheckIn (compareCheckInsAt) designates,
   * or null before any.
   */
  lastCheckInAt: string | null;
  /** When the key result was added (recorded). */
  createdAt: string;
  /** A removed key result owes nothing. */
  removed: boolean;
  /** Its objective's lifecycle: a closed or archived objective's key results owe nothing. */
  objectiveStatus: 'open' | 'closed' | 'archived';
  /** Its cycle: a closed cycle's key results owe nothing. */
  cycle: { startsOn: string; endsOn: string; status: 'open' | 'closed' };
  now: number;
}

export interface CheckInDue {
  /** When the next check-in falls due: one cadence after the last check-in, the key result's creation or the cycle's start, whichever is latest. */
  dueAt: string;
  status: CheckInStanding;
}

/**
 * When a key result's next check-in falls due and where it stands at `now`, or null when it owes none (removed, its
 * objective closed or archived, its cycle closed).
 *
 * The cadence counts from the latest of: the last check-in's effective time, the key result's creation, the cycle's
 * first day (a key result planned ahead owes nothing before its cycle starts; a new one gets a full period). It is
 * overdue once that instant has passed, due within DUE_SOON_MS of it, up to date before. A check-in that would fall due
 * after the cycle's last day is not owed in the cycle: up to date. So after the last day, while the cycle is still
 * open, what stays overdue is what was missed inside it.
 */
export function checkInDue(input: CheckInDueInput): CheckInDue | null {
  if (input.removed || input.objectiveStatus !== 'open' || input.cycle.status !== 'open') return null;
  let from = Math.max(startOfDay(input.cycle.startsOn), instantMillis(input.createdAt));
  if (input.lastCheckInAt !== null) {
    const last = instantMillis(input.lastCheckInAt);
    if (last > from) from = last;
  }
  const due = addCadence(from, input.cadence);
  const dueAt = new Date(due).toISOString();
  if (due >= endOfDay(input.cycle.endsOn)) return { dueAt, status: 'up_to_date' };
  if (input.now > due) return { dueAt, status: 'overdue' };
  if (due - input.now <= DUE_SOON_MS) return { dueAt, status: 'due' };
  return { dueAt, status: 'up_to_date' };
}
