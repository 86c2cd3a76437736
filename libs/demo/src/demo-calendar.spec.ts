import { expectedProgress } from '@okr/domain';
import { DAY_MS, dayStart, demoCalendar, weekday } from './demo-calendar';

describe('demoCalendar', () => {
  const now = new Date('2026-05-20T15:30:00Z');

  it('starts `days` days before today and lasts half as long again, so today is two thirds through it', () => {
    const c = demoCalendar(60, now);
    expect(c).toMatchObject({ startsOn: '2026-03-21', endsOn: '2026-06-18', days: 60, lengthDays: 90 });
    expect(dayStart(c, 60)).toBe(Date.parse('2026-05-20T00:00:00Z'));
    // 60.65 days of 90 are over at 15:30.
    expect(expectedProgress(c, now.getTime())).toBeCloseTo(60.65 / 90, 4);
  });

  it.each([1, 3, 14, 60, 90, 150, 366])('puts today about two thirds through the cycle for %i days, ending after today', (days) => {
    const c = demoCalendar(days, now);
    expect(c.days).toBe(days);
    expect(c.endsOn > '2026-05-20').toBe(true);
    expect(dayStart(c, days)).toBe(Date.parse('2026-05-20T00:00:00Z'));
    // A day weighs more in a short cycle: 1.65 days of 3 are 55 % at 15:30, 14.65 of 21 are 70 %, 60.65 of 90 67 %.
    const elapsed = expectedProgress(c, now.getTime());
    expect(elapsed).toBeGreaterThan(days >= 14 ? 0.66 : 0.5);
    expect(elapsed).toBeLessThan(days >= 60 ? 0.68 : 0.75);
  });

  it('names the cycle after the quarter of its middle', () => {
    expect(demoCalendar(60, now).name).toBe('2026 Q2');
    expect(demoCalendar(14, now).name).toBe('2026 Q2');
    expect(demoCalendar(10, new Date('2026-12-30T00:00:00Z')).name).toBe('2026 Q4');
    expect(demoCalendar(60, new Date('2027-01-20T00:00:00Z')).name).toBe('2027 Q1');
  });

  it('knows the weekday of a simulated day', () => {
    const c = demoCalendar(14, now); // 2026-05-06 is a Wednesday
    expect(weekday(c, 0)).toBe(3);
    expect(weekday(c, 4)).toBe(0);
    expect(dayStart(c, 1) - dayStart(c, 0)).toBe(DAY_MS);
  });
});
