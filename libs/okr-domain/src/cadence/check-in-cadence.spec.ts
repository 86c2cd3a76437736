import { InvalidInputError } from '../common/errors';
import { CheckInDueInput, DUE_SOON_MS, addCadence, checkInCadence, checkInDue } from './check-in-cadence';

const at = (instant: string) => Date.parse(instant);
const iso = (ms: number) => new Date(ms).toISOString();

describe('check-in cadence', () => {
  it('accepts weekly, fortnightly and monthly, and names the field of anything else', () => {
    expect(checkInCadence('weekly')).toBe('weekly');
    expect(checkInCadence('fortnightly')).toBe('fortnightly');
    expect(checkInCadence('monthly')).toBe('monthly');
    for (const bad of ['daily', 'Weekly', '', 7, null]) {
      expect(() => checkInCadence(bad, 'cadence')).toThrow(InvalidInputError);
      expect(() => checkInCadence(bad, 'cadence')).toThrow(expect.objectContaining({ code: 'check_in_cadence.invalid', field: 'cadence' }));
    }
  });

  it('adds 7 or 14 days, or a calendar month clamped to its last day, keeping the time of day', () => {
    expect(iso(addCadence(at('2026-02-02T09:30:00.000Z'), 'weekly'))).toBe('2026-02-09T09:30:00.000Z');
    expect(iso(addCadence(at('2026-02-02T09:30:00.000Z'), 'fortnightly'))).toBe('2026-02-16T09:30:00.000Z');
    expect(iso(addCadence(at('2026-01-15T09:30:00.000Z'), 'monthly'))).toBe('2026-02-15T09:30:00.000Z');
    expect(iso(addCadence(at('2026-01-31T23:00:00.000Z'), 'monthly'))).toBe('2026-02-28T23:00:00.000Z');
    expect(iso(addCadence(at('2028-01-31T00:00:00.000Z'), 'monthly'))).toBe('2028-02-29T00:00:00.000Z');
    expect(iso(addCadence(at('2026-12-20T00:00:00.000Z'), 'monthly'))).toBe('2027-01-20T00:00:00.000Z');
    expect(iso(addCadence(at('2026-03-31T12:00:00.000Z'), 'monthly'))).toBe('2026-04-30T12:00:00.000Z');
  });
});

describe('when the next check-in falls due', () => {
  /** A weekly key result added on 2026-01-05 10:00 to an open objective of Q1 (2026-01-01 to 2026-03-31). */
  const input = (over: Partial<CheckInDueInput> = {}): CheckInDueInput => ({
    cadence: 'weekly',
    lastCheckInAt: null,
    createdAt: '2026-01-05T10:00:00.000Z',
    removed: false,
    objectiveStatus: 'open',
    cycle: { startsOn: '2026-01-01', endsOn: '2026-03-31', status: 'open' },
    now: at('2026-01-06T00:00:00.000Z'),
    ...over,
  });

  it('counts from the last check-in (its effective time)', () => {
    expect(checkInDue(input({ lastCheckInAt: '2026-02-02T08:00:00.000Z', now: at('2026-02-03T00:00:00.000Z') }))).toEqual({
      dueAt: '2026-02-09T08:00:00.000Z',
      status: 'up_to_date',
    });
  });

  it('counts from the creation before any check-in, and from a creation after a check-in backdated before it', () => {
    expect(checkInDue(input())).toEqual({ dueAt: '2026-01-12T10:00:00.000Z', status: 'up_to_date' });
    expect(checkInDue(input({ lastCheckInAt: '2026-01-02T00:00:00.000Z' }))?.dueAt).toBe('2026-01-12T10:00:00.000Z');
  });

  it("counts from the cycle's first day for a key result planned before it", () => {
    expect(checkInDue(input({ createdAt: '2025-12-20T15:00:00.000Z', now: at('2025-12-21T00:00:00.000Z') }))).toEqual({
      dueAt: '2026-01-08T00:00:00.000Z',
      status: 'up_to_date',
    });
  });

  it('is due within two days of the due instant (inclusive), overdue once it has passed', () => {
    const due = at('2026-01-12T10:00:00.000Z');
    const statusAt = (now: number) => checkInDue(input({ now }))?.status;
    expect(statusAt(due - DUE_SOON_MS - 1)).toBe('up_to_date');
    expect(statusAt(due - DUE_SOON_MS)).toBe('due');
    expect(statusAt(due - 1)).toBe('due');
    expect(statusAt(due)).toBe('due');
    expect(statusAt(due + 1)).toBe('overdue');
    expect(statusAt(at('2026-02-20T00:00:00.000Z'))).toBe('overdue');
  });

  it('follows the cadence: a monthly key result is up to date where a weekly one is overdue', () => {
    const now = at('2026-01-20T00:00:00.000Z');
    expect(checkInDue(input({ now }))).toEqual({ dueAt: '2026-01-12T10:00:00.000Z', status: 'overdue' });
    expect(checkInDue(input({ now, cadence: 'fortnightly' }))).toEqual({ dueAt: '2026-01-19T10:00:00.000Z', status: 'overdue' });
    expect(checkInDue(input({ now, cadence: 'monthly' }))).toEqual({ dueAt: '2026-02-05T10:00:00.000Z', status: 'up_to_date' });
  });

  it("owes no check-in that would fall due after the cycle's last day, even once it is over", () => {
    const lastWeek = input({ lastCheckInAt: '2026-03-26T12:00:00.000Z' });
    expect(checkInDue({ ...lastWeek, now: at('2026-03-31T20:00:00.000Z') })).toEqual({
      dueAt: '2026-04-02T12:00:00.000Z',
      status: 'up_to_date',
    });
    expect(checkInDue({ ...lastWeek, now: at('2026-04-10T00:00:00.000Z') })?.status).toBe('up_to_date');
    // Due at the very end of the last day: the cycle ends first.
    expect(checkInDue(input({ lastCheckInAt: '2026-03-25T00:00:00.000Z', now: at('2026-04-10T00:00:00.000Z') }))?.status).toBe(
      'up_to_date',
    );
  });

  it('keeps a check-in missed inside the cycle overdue after its last day, while the cycle is open', () => {
    expect(checkInDue(input({ lastCheckInAt: '2026-03-20T00:00:00.000Z', now: at('2026-04-10T00:00:00.000Z') }))).toEqual({
      dueAt: '2026-03-27T00:00:00.000Z',
      status: 'overdue',
    });
  });

  it('owes nothing for a removed key result, a closed or archived objective, a closed cycle', () => {
    const now = at('2026-03-01T00:00:00.000Z');
    expect(checkInDue(input({ now }))?.status).toBe('overdue');
    expect(checkInDue(input({ now, removed: true }))).toBeNull();
    expect(checkInDue(input({ now, objectiveStatus: 'closed' }))).toBeNull();
    expect(checkInDue(input({ now, objectiveStatus: 'archived' }))).toBeNull();
    expect(checkInDue(input({ now, cycle: { startsOn: '2026-01-01', endsOn: '2026-03-31', status: 'closed' } }))).toBeNull();
  });
});
