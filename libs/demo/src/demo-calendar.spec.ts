import { DAY_MS, dayStart, demoCalendar, weekday } from './demo-calendar';

describe('demoCalendar', () => {
  const now = new Date('2026-05-20T15:30:00Z');

  it('starts `days` days before today and lasts a quarter, so it is live today', () => {
    const c = demoCalendar(14, now);
    expect(c).toMatchObject({ startsOn: '2026-05-06', days: 14, lengthDays: 91 });
    expect(c.endsOn).toBe('2026-08-04');
    expect(dayStart(c, 14)).toBe(Date.parse('2026-05-20T00:00:00Z'));
  });

  it('ends today for a full quarter of history, and stretches for longer ones', () => {
    expect(demoCalendar(90, now)).toMatchObject({ startsOn: '2026-02-19', endsOn: '2026-05-20', lengthDays: 91 });
    const long = demoCalendar(200, now);
    expect(long.lengthDays).toBe(201);
    expect(long.endsOn).toBe('2026-05-20');
  });

  it('names the cycle after the quarter of its middle', () => {
    expect(demoCalendar(14, now).name).toBe('2026 Q2');
    expect(demoCalendar(90, now).name).toBe('2026 Q2');
    expect(demoCalendar(10, new Date('2026-12-30T00:00:00Z')).name).toBe('2027 Q1');
  });

  it('knows the weekday of a simulated day', () => {
    const c = demoCalendar(14, now); // 2026-05-06 is a Wednesday
    expect(weekday(c, 0)).toBe(3);
    expect(weekday(c, 4)).toBe(0);
    expect(dayStart(c, 1) - dayStart(c, 0)).toBe(DAY_MS);
  });
});
