import { expectedProgress, objectiveHealth } from './pace';

const cycle = { startsOn: '2026-01-01', endsOn: '2026-01-10' }; // ten whole days
const at = (iso: string) => Date.parse(iso);

describe('pace', () => {
  it('expects the elapsed fraction of the cycle, from the first instant of its first day to the end of its last day', () => {
    expect(expectedProgress(cycle, at('2025-12-31T00:00:00Z'))).toBe(0);
    expect(expectedProgress(cycle, at('2026-01-01T00:00:00Z'))).toBe(0);
    expect(expectedProgress(cycle, at('2026-01-06T00:00:00Z'))).toBeCloseTo(0.5, 12);
    expect(expectedProgress(cycle, at('2026-01-11T00:00:00Z'))).toBe(1);
    expect(expectedProgress(cycle, at('2026-06-01T00:00:00Z'))).toBe(1);
  });

  it.each([
    [0.45, 'on_track'], // ≥ 0.9 × 0.5
    [0.44, 'at_risk'],
    [0.3, 'at_risk'], // ≥ 0.6 × 0.5
    [0.29, 'off_track'],
  ])('halfway through, progress %p is %s', (progress, status) => {
    expect(objectiveHealth({ status: 'open', progress, cycle, now: at('2026-01-06T00:00:00Z') })).toEqual({
      status,
      expected: expect.closeTo(0.5, 12),
    });
  });

  it('is on track while nothing is expected yet', () => {
    expect(objectiveHealth({ status: 'open', progress: 0, cycle, now: at('2025-12-01T00:00:00Z') }).status).toBe('on_track');
  });

  it('reports closed and archived objectives as such', () => {
    expect(objectiveHealth({ status: 'closed', progress: 0, cycle, now: at('2026-01-06T00:00:00Z') }).status).toBe('closed');
    expect(objectiveHealth({ status: 'archived', progress: 1, cycle, now: at('2026-01-06T00:00:00Z') }).status).toBe('archived');
  });
});
