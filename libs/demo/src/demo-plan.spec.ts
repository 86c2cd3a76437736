import { METRIC_TYPES } from '@okr/domain';
import { DemoPlan, DemoPlanOptions, buildDemoPlan, finalStatus } from './demo-plan';
import { formatValue, titleWithTarget } from './demo-okr-templates';

const NOW = new Date('2026-05-20T15:30:00Z');
const plan = (size: Partial<DemoPlanOptions> = {}): DemoPlan =>
  buildDemoPlan({ teams: 12, objectives: 60, days: 90, seed: 42, now: NOW, ...size });

function depth(p: DemoPlan, teamIndex: number): number {
  let d = 1;
  for (let t = p.teams[teamIndex]; t.parentIndex !== null; t = p.teams[t.parentIndex]) d++;
  return d;
}

describe('buildDemoPlan', () => {
  it.each([
    [3, 1, 1],
    [4, 8, 14],
    [12, 60, 90],
    [100, 2000, 90],
  ])('honours the sizes: %i teams, %i objectives, %i days', (teams, objectives, days) => {
    const p = plan({ teams, objectives, days });
    expect(p.teams).toHaveLength(teams);
    expect(p.objectives).toHaveLength(objectives);
    expect(p.calendar.days).toBe(days);
    for (const o of p.objectives) {
      expect(o.keyResultIndexes.length).toBeGreaterThanOrEqual(2);
      expect(o.keyResultIndexes.length).toBeLessThanOrEqual(5);
    }
    expect(p.keyResults).toHaveLength(p.objectives.reduce((n, o) => n + o.keyResultIndexes.length, 0));
  });

  it.each([3, 4, 12, 100, 1000])('builds a three-level team tree of %i teams', (teams) => {
    const p = plan({ teams, objectives: 10 });
    const levels = p.teams.map((t) => depth(p, t.index));
    expect(Math.max(...levels)).toBe(3);
    expect(new Set(levels)).toEqual(new Set([1, 2, 3]));
    expect(p.teams.filter((t) => t.parentIndex === null)).toHaveLength(1);
    p.teams.forEach((t, i) => {
      expect(t.level).toBe(levels[i]);
      if (t.parentIndex !== null) expect(t.parentIndex).toBeLessThan(t.index);
    });
    expect(new Set(p.teams.map((t) => t.name)).size).toBe(teams);
  });

  it('gives every team people, names everyone uniquely, and starts with the chief executive at the top', () => {
    const p = plan({ teams: 40, objectives: 100 });
    expect(p.users[p.ceoIndex].teamIndex).toBe(0);
    for (const t of p.teams) expect(t.memberIndexes.length).toBeGreaterThanOrEqual(1);
    expect(new Set(p.users.map((u) => u.name)).size).toBe(p.users.length);
    for (const o of p.objectives) expect(p.users[o.ownerIndex]).toBeDefined();
    for (const k of p.keyResults) expect(p.users[k.ownerIndex]).toBeDefined();
  });

  it.each([
    [3, 3],
    [4, 8],
    [12, 60],
    [100, 2000],
  ])('uses every metric type (%i teams, %i objectives)', (teams, objectives) => {
    const p = plan({ teams, objectives });
    expect(new Set(p.keyResults.map((k) => k.metric.type))).toEqual(new Set(METRIC_TYPES));
  });

  it('makes valid metrics within their plausible range, and positive weights', () => {
    const p = plan({ teams: 30, objectives: 500 });
    for (const k of p.keyResults) {
      const { type, start, target } = k.metric;
      if (type === 'increase') expect(target).toBeGreaterThan(start);
      if (type === 'decrease') expect(target).toBeLessThan(start);
      if (type === 'milestone') expect([start, target]).toEqual([0, 1]);
      if (type === 'atLeast' || type === 'atMost') expect(target).not.toBe(start);
      for (const v of [start, target]) {
        expect(v).toBeGreaterThanOrEqual(k.min);
        expect(v).toBeLessThanOrEqual(k.max);
        expect(Number.isFinite(v)).toBe(true);
      }
      expect(k.weight).toBeGreaterThan(0);
      expect(k.title.length).toBeGreaterThan(0);
    }
    for (const o of p.objectives) if (o.parentIndex !== null) expect(o.weight).toBeGreaterThan(0);
  });

  it('aligns company → department → squad → individual objectives, parents first and created no later', () => {
    const p = plan({ teams: 30, objectives: 300 });
    const rank = { company: 0, department: 1, squad: 2, individual: 3 };
    const aligned = p.objectives.filter((o) => o.parentIndex !== null);
    expect(aligned.length).toBeGreaterThan(p.objectives.length * 0.7);
    expect(p.objectives.filter((o) => o.level === 'company').every((o) => o.parentIndex === null)).toBe(true);
    for (const o of aligned) {
      const parent = p.objectives[o.parentIndex!];
      expect(parent.index).toBeLessThan(o.index);
      expect(rank[parent.level]).toBeLessThan(rank[o.level]);
      expect(parent.createdDay).toBeLessThanOrEqual(o.createdDay);
    }
    for (const level of ['company', 'department', 'squad', 'individual'] as const)
      expect(p.objectives.some((o) => o.level === level)).toBe(true);
    const realigned = p.objectives.filter((o) => o.realignment);
    expect(realigned.length).toBeGreaterThan(0);
    for (const o of realigned) {
      expect(o.realignment!.day).toBeGreaterThan(o.createdDay);
      expect(p.objectives[o.realignment!.parentIndex].createdDay).toBeLessThanOrEqual(o.realignment!.day);
    }
  });

  it('only refers to what exists by then, at benchmark scale (10,000 objectives)', () => {
    const p = plan({ teams: 1000, objectives: 10_000, days: 90 });
    const problems: string[] = [];
    for (const o of p.objectives) {
      if (o.parentIndex !== null && p.objectives[o.parentIndex].createdDay > o.createdDay)
        problems.push(`objective ${o.index} before its parent`);
      const to = o.realignment;
      if (to && (p.objectives[to.parentIndex].createdDay > to.day || to.day <= o.createdDay || to.day > 90))
        problems.push(`realignment of ${o.index} on day ${to.day}`);
    }
    for (const i of p.initiatives)
      for (const k of i.keyResultIndexes)
        if (p.keyResults[k].createdDay > i.createdDay) problems.push(`initiative ${i.index} before key result ${k}`);
    expect(problems.slice(0, 5)).toEqual([]);
    expect(p.objectives.filter((o) => o.realignment).length).toBeGreaterThan(200);
    expect(new Set(p.objectives.map((o) => o.title)).size).toBe(p.objectives.length);
  });

  it.each([
    [12, 60],
    [30, 300],
  ])('gives %i teams and %i objectives distinct titles from a vocabulary, without resorting to team names', (teams, objectives) => {
    const p = plan({ teams, objectives });
    const titles = p.objectives.map((o) => o.title);
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles.filter((t) => t.endsWith(')'))).toEqual([]);
    for (const t of titles) expect(t).not.toMatch(/[{}]/);
    // Some squads write objectives about themselves ("Cut onboarding time for Payments customers").
    const squads = p.objectives.filter((o) => o.level === 'squad');
    expect(squads.some((o) => o.title.includes(p.teams[o.teamIndex].name))).toBe(true);
  });

  it('titles key results as sentences stating their start and target ("… from 900 ms to 400 ms")', () => {
    const p = plan({ teams: 30, objectives: 300 });
    for (const k of p.keyResults) {
      const { type, start, target, unit } = k.metric;
      expect(k.title).not.toMatch(/[{}]|\b(at most|at least|under|above|below)$/);
      expect(titleWithTarget(k.titlePattern, target, unit, k.step)).toBe(k.title);
      if (type === 'increase' || type === 'decrease')
        expect(k.title).toContain(` from ${formatValue(start, unit, k.step)} to ${formatValue(target, unit, k.step)}`);
      if (type === 'atLeast' || type === 'atMost') expect(k.title).toContain(formatValue(target, unit, k.step));
      if (type === 'milestone') expect(k.titlePattern).toBe(k.title);
      // A target moved by a single step still reads differently, so the title follows every move.
      else expect(formatValue(target + k.step, unit, k.step)).not.toBe(formatValue(target, unit, k.step));
    }
  });

  it('aligns at least one objective even in a tiny plan', () => {
    expect(plan({ teams: 3, objectives: 2, days: 1 }).objectives.some((o) => o.parentIndex !== null)).toBe(true);
  });

  it('creates objectives and key results early in the quarter', () => {
    const p = plan({ teams: 12, objectives: 60, days: 90 });
    for (const o of p.objectives) expect(o.createdDay).toBeLessThanOrEqual(10);
    for (const k of p.keyResults) {
      expect(k.createdDay).toBeGreaterThanOrEqual(p.objectives[k.objectiveIndex].createdDay);
      expect(k.createdDay).toBeLessThanOrEqual(13);
    }
  });

  it('links initiatives to key results created before them, with orphans and key results left without one', () => {
    const p = plan({ teams: 12, objectives: 60, days: 90 });
    const linked = new Set(p.initiatives.flatMap((i) => i.keyResultIndexes));
    expect(p.initiatives.some((i) => i.keyResultIndexes.length === 0)).toBe(true);
    expect(p.initiatives.some((i) => i.keyResultIndexes.length === 2)).toBe(true);
    expect(p.keyResults.some((k) => !linked.has(k.index))).toBe(true);
    for (const i of p.initiatives) {
      for (const k of i.keyResultIndexes) expect(p.keyResults[k].createdDay).toBeLessThanOrEqual(i.createdDay);
      if (i.startDay !== null) expect(i.startDay).toBeGreaterThan(i.createdDay);
      if (i.endDay !== null) {
        expect(i.startDay).not.toBeNull();
        expect(i.endDay).toBeGreaterThan(i.startDay!);
        expect(i.outcome).not.toBeNull();
      }
      expect(i.endDay ?? i.startDay ?? i.createdDay).toBeLessThanOrEqual(90);
    }
    const statuses = new Set(p.initiatives.map(finalStatus));
    expect(statuses).toEqual(new Set(['planned', 'in_progress', 'done', 'dropped']));
  });

  it('ends initiatives in several statuses even in a short run', () => {
    const p = plan({ teams: 4, objectives: 8, days: 14 });
    expect(new Set(p.initiatives.map(finalStatus)).size).toBeGreaterThanOrEqual(3);
  });

  it('is deterministic: the same seed gives the same plan, another seed another', () => {
    expect(plan({ seed: 7 })).toEqual(plan({ seed: 7 }));
    expect(plan({ seed: 8 }).objectives.map((o) => o.title)).not.toEqual(plan({ seed: 7 }).objectives.map((o) => o.title));
  });

  it('gives company-wide metrics one baseline wherever they appear', () => {
    const p = plan({ teams: 12, objectives: 120 });
    const company = p.keyResults.filter((k) => p.objectives[k.objectiveIndex].level === 'company');
    const byMetric = new Map<string, string>();
    for (const k of company) {
      const metric = k.title.split(/ from | at or /)[0];
      const values = `${k.metric.start}→${k.metric.target}`;
      expect(byMetric.get(metric) ?? values).toBe(values);
      byMetric.set(metric, values);
    }
    expect(byMetric.size).toBeLessThan(company.length);
  });

  it.each([
    [{ teams: 2 }, 'teams must be an integer from 3'],
    [{ objectives: 0 }, 'objectives must be an integer from 1'],
    [{ days: 0 }, 'days must be an integer from 1'],
    [{ days: 1.5 }, 'days must be an integer'],
  ])('refuses %j', (size, message) => {
    expect(() => plan(size)).toThrow(message);
  });
});

describe('formatValue', () => {
  it('writes values as people do', () => {
    expect(formatValue(900, 'ms', 5)).toBe('900 ms');
    expect(formatValue(1, 'days', 1)).toBe('1 day');
    expect(formatValue(12.5, '%', 0.1)).toBe('12.5 %');
    expect(formatValue(99.95, '%', 0.01)).toBe('99.95 %');
    expect(formatValue(11_240_000, '€', 10_000)).toBe('€11.24M');
    expect(formatValue(714_000, '€', 1_000)).toBe('€714k');
    expect(formatValue(1_231_000, '€', 1_000)).toBe('€1.231M');
    expect(formatValue(142_300, '€', 100)).toBe('€142.3k');
    expect(formatValue(3_450, '€', 10)).toBe('€3,450');
    expect(formatValue(3.2, 'x', 0.1)).toBe('3.2×');
    expect(formatValue(2_624, 'customers', 1)).toBe('2,624');
    expect(formatValue(4.12, 'points', 0.01)).toBe('4.12');
  });
});
