import {
  ChildSummary,
  KeyResultSummary,
  ObjectiveHealth,
  expectedProgress,
  healthAt,
  keyResultProgress,
  objectiveFigures,
} from '@okr/domain';
import { formatValue } from './demo-okr-templates';
import { buildDemoPlan, DemoPlan } from './demo-plan';
import { DemoAction, DemoSimulation } from './demo-simulation';

const NOW = new Date('2026-05-20T15:30:00Z');

function run(plan: DemoPlan): { day: number; action: DemoAction }[] {
  const simulation = new DemoSimulation(plan);
  const out: { day: number; action: DemoAction }[] = [];
  for (let day = 0; day <= plan.calendar.days; day++) for (const action of simulation.actionsFor(day)) out.push({ day, action });
  return out;
}

describe('DemoSimulation', () => {
  const plan = buildDemoPlan({ teams: 12, objectives: 60, days: 90, seed: 42, now: NOW });
  const actions = run(plan);
  const of = <K extends DemoAction['kind']>(kind: K) =>
    actions.filter((a) => a.action.kind === kind) as { day: number; action: Extract<DemoAction, { kind: K }> }[];

  it('creates everything the plan holds, once, on its day, and only after what it refers to', () => {
    const created = {
      user: new Set<number>(),
      team: new Set<number>(),
      objective: new Set<number>(),
      keyResult: new Set<number>(),
      initiative: new Set<number>(),
    };
    let cycle = false;
    for (const { day, action } of actions) {
      switch (action.kind) {
        case 'createUser':
          expect(day).toBe(0);
          created.user.add(action.user);
          break;
        case 'scheduleCycle':
          cycle = true;
          break;
        case 'createTeam': {
          const parent = plan.teams[action.team].parentIndex;
          if (parent !== null) expect(created.team.has(parent)).toBe(true);
          created.team.add(action.team);
          break;
        }
        case 'createObjective':
          expect(cycle).toBe(true);
          expect(day).toBe(plan.objectives[action.objective].createdDay);
          expect(created.team.has(plan.objectives[action.objective].teamIndex)).toBe(true);
          created.objective.add(action.objective);
          break;
        case 'alignObjective':
          expect(created.objective.has(action.objective)).toBe(true);
          expect(created.objective.has(action.parent)).toBe(true);
          expect(action.weight).toBeGreaterThan(0);
          break;
        case 'addKeyResult':
          expect(day).toBe(plan.keyResults[action.keyResult].createdDay);
          expect(created.objective.has(plan.keyResults[action.keyResult].objectiveIndex)).toBe(true);
          created.keyResult.add(action.keyResult);
          break;
        case 'createInitiative':
          for (const k of plan.initiatives[action.initiative].keyResultIndexes) expect(created.keyResult.has(k)).toBe(true);
          created.initiative.add(action.initiative);
          break;
        case 'setInitiativeStatus':
          expect(created.initiative.has(action.initiative)).toBe(true);
          break;
        default:
          expect(created.keyResult.has(action.keyResult)).toBe(true);
      }
      if (action.actor !== null) expect(created.user.has(action.actor)).toBe(true);
    }
    expect(created.user.size).toBe(plan.users.length);
    expect(created.team.size).toBe(plan.teams.length);
    expect(created.objective.size).toBe(plan.objectives.length);
    expect(created.keyResult.size).toBe(plan.keyResults.length);
    expect(created.initiative.size).toBe(plan.initiatives.length);
    expect(of('createObjective')).toHaveLength(plan.objectives.length);
  });

  it('has owners check in over the quarter, mostly on weekdays, with plausible values and confidence', () => {
    const checkIns = of('checkIn');
    expect(checkIns.length).toBeGreaterThan(plan.keyResults.length * 5);
    expect(new Set(checkIns.map((c) => c.day)).size).toBeGreaterThan(60);
    const weekend = checkIns.filter((c) =>
      [0, 6].includes(new Date(Date.parse(`${plan.calendar.startsOn}T00:00:00Z`) + c.day * 86_400_000).getUTCDay()),
    );
    expect(weekend.length / checkIns.length).toBeLessThan(0.1);
    for (const { day, action } of checkIns) {
      const kr = plan.keyResults[action.keyResult];
      expect(action.actor).toBe(kr.ownerIndex);
      expect(day).toBeGreaterThan(kr.createdDay);
      expect(action.value).toBeGreaterThanOrEqual(kr.min);
      expect(action.value).toBeLessThanOrEqual(kr.max);
      expect(action.confidence).toBeGreaterThanOrEqual(0);
      expect(action.confidence).toBeLessThanOrEqual(1);
      expect(Math.round(action.confidence * 100) / 100).toBe(action.confidence);
      expect(day - action.backdateDays).toBeGreaterThan(kr.createdDay);
      if (kr.metric.type === 'milestone') expect([0, 1]).toContain(action.value);
    }
    expect(checkIns.some((c) => c.action.note !== null)).toBe(true);
    expect(checkIns.some((c) => c.action.note === null)).toBe(true);
    expect(checkIns.some((c) => c.action.backdateDays > 0)).toBe(true);
    expect(new Set(checkIns.map((c) => c.action.actor)).size).toBeGreaterThan(5);
  });

  it('moves values toward the target for most key results, away for some', () => {
    const last = new Map<number, number>();
    for (const { action } of of('checkIn')) last.set(action.keyResult, action.value);
    let toward = 0;
    let away = 0;
    for (const [k, value] of last) {
      const { type, start, target } = plan.keyResults[k].metric;
      if (type !== 'increase' && type !== 'decrease') continue;
      if ((value - start) / (target - start) > 0.2) toward++;
      else away++;
    }
    expect(toward).toBeGreaterThan(away);
    expect(away).toBeGreaterThan(0);
  });

  it('stops reporting a milestone once it is done', () => {
    const doneAt = new Map<number, number>();
    for (const { day, action } of of('checkIn')) {
      if (doneAt.has(action.keyResult)) throw new Error(`key result ${action.keyResult} checked in on day ${day} after being done`);
      if (action.value === 1 && plan.keyResults[action.keyResult].metric.type === 'milestone') doneAt.set(action.keyResult, day);
    }
    expect(doneAt.size).toBeGreaterThan(0);
  });

  it('changes targets with reasons, keeping increase above and decrease below the start', () => {
    const changes = of('changeTarget');
    expect(changes.length).toBeGreaterThan(0);
    for (const { action } of changes) {
      const kr = plan.keyResults[action.keyResult];
      expect(action.reason.length).toBeGreaterThan(5);
      expect(kr.metric.type).not.toBe('milestone');
      // The title states the new target.
      expect(action.title).toBe(kr.titlePattern.replace('{target}', formatValue(action.target, kr.metric.unit, kr.step)));
      if (kr.metric.type === 'increase') expect(action.target).toBeGreaterThan(kr.metric.start);
      if (kr.metric.type === 'decrease') expect(action.target).toBeLessThan(kr.metric.start);
    }
    expect(of('changeWeight').length).toBeGreaterThan(0);
    expect(of('alignObjective').filter((a) => a.action.realignment).length).toBeGreaterThan(0);
  });

  it('moves initiatives through their statuses in order', () => {
    const status = new Map<number, string>();
    for (const { action } of of('setInitiativeStatus')) {
      const before = status.get(action.initiative) ?? 'planned';
      expect(action.status === 'in_progress' ? before === 'planned' : before === 'in_progress').toBe(true);
      status.set(action.initiative, action.status);
    }
    expect(new Set(status.values())).toEqual(new Set(['in_progress', 'done', 'dropped']));
  });

  it('always has a target change, even in a short run', () => {
    const short = run(buildDemoPlan({ teams: 4, objectives: 8, days: 14, seed: 3, now: NOW }));
    expect(short.filter((a) => a.action.kind === 'changeTarget').length).toBeGreaterThan(0);
  });

  it('keeps every reference valid at a large size (4,000 objectives)', () => {
    const big = buildDemoPlan({ teams: 300, objectives: 4000, days: 90, seed: 42, now: NOW });
    const simulation = new DemoSimulation(big);
    const objectives = new Set<number>();
    const keyResults = new Set<number>();
    const initiatives = new Set<number>();
    const problems: string[] = [];
    let realignments = 0;
    for (let day = 0; day <= 90; day++) {
      for (const a of simulation.actionsFor(day)) {
        if (a.kind === 'createObjective') objectives.add(a.objective);
        else if (a.kind === 'addKeyResult') keyResults.add(a.keyResult);
        else if (a.kind === 'createInitiative') {
          initiatives.add(a.initiative);
          for (const k of big.initiatives[a.initiative].keyResultIndexes)
            if (!keyResults.has(k)) problems.push(`initiative ${a.initiative} before key result ${k}`);
        } else if (a.kind === 'alignObjective') {
          if (a.realignment) realignments++;
          if (!objectives.has(a.objective) || !objectives.has(a.parent))
            problems.push(`alignment of ${a.objective} under ${a.parent} on day ${day}`);
        } else if (a.kind === 'setInitiativeStatus') {
          if (!initiatives.has(a.initiative)) problems.push(`status of initiative ${a.initiative} on day ${day}`);
        } else if ('keyResult' in a && !keyResults.has(a.keyResult)) problems.push(`${a.kind} of key result ${a.keyResult} on day ${day}`);
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(realignments).toBeGreaterThan(50);
    expect(keyResults.size).toBe(big.keyResults.length);
  });

  it.each([1, 2, 3, 5, 14])('has a target change in every tiny %i-day run that has a numeric key result', (days) => {
    for (let seed = 1; seed <= 40; seed++) {
      const tiny = buildDemoPlan({ teams: 3, objectives: 1, days, seed, now: NOW });
      const changeable = tiny.keyResults.some((k) => k.metric.type !== 'milestone' && k.createdDay < days);
      const changes = run(tiny).filter((a) => a.action.kind === 'changeTarget');
      expect({ seed, changes: changes.length > 0 }).toEqual({ seed, changes: changeable });
    }
  });

  it.each(['2026-03-02T09:00:00Z', '2026-05-20T15:30:00Z', '2026-08-15T12:00:00Z', '2026-12-06T17:45:00Z'])(
    'seeded at %s with the defaults, two thirds through its cycle: most objectives on track, some at risk, a few off track',
    (at) => {
      const now = new Date(at);
      const demo = buildDemoPlan({ teams: 12, objectives: 60, days: 60, seed: 42, now });
      const health = healthToday(demo, now);
      expect(expectedProgress(demo.calendar, now.getTime())).toBeCloseTo(2 / 3, 1);
      expect(health.on_track).toBeGreaterThan(demo.objectives.length / 2);
      expect(health.at_risk).toBeGreaterThanOrEqual(5);
      expect(health.off_track).toBeGreaterThanOrEqual(1);
      expect(health.off_track).toBeLessThan(health.at_risk);
    },
  );

  it('is deterministic', () => {
    const again = run(buildDemoPlan({ teams: 12, objectives: 60, days: 90, seed: 42, now: NOW }));
    expect(again).toEqual(actions);
  });
});

/** Every objective's health by pace at `now`, after the whole simulation, by the domain's rules (rollups included). */
function healthToday(plan: DemoPlan, now: Date): Record<ObjectiveHealth, number> {
  const current = plan.keyResults.map((k) => ({ value: k.metric.start, effectiveDay: -1, confidence: null as number | null }));
  const targets = plan.keyResults.map((k) => k.metric.target);
  const weights = plan.keyResults.map((k) => k.weight);
  const parents = plan.objectives.map((o) => (o.parentIndex === null ? null : { parent: o.parentIndex, weight: o.weight! }));
  const simulation = new DemoSimulation(plan);
  for (let day = 0; day <= plan.calendar.days; day++) {
    for (const a of simulation.actionsFor(day)) {
      if (a.kind === 'checkIn' && day - a.backdateDays >= current[a.keyResult].effectiveDay)
        current[a.keyResult] = { value: a.value, effectiveDay: day - a.backdateDays, confidence: a.confidence };
      else if (a.kind === 'changeTarget') targets[a.keyResult] = a.target;
      else if (a.kind === 'changeWeight') weights[a.keyResult] = a.weight;
      else if (a.kind === 'alignObjective') parents[a.objective] = { parent: a.parent, weight: a.weight };
    }
  }
  const children = plan.objectives.map(() => ({}) as Record<string, { index: number; weight: number }>);
  parents.forEach((p, index) => {
    if (p) children[p.parent][String(index)] = { index, weight: p.weight };
  });
  const rollups = new Map<number, number>();
  const rollup = (index: number): number => {
    const known = rollups.get(index);
    if (known !== undefined) return known;
    const keyResults: KeyResultSummary[] = plan.objectives[index].keyResultIndexes.map((k) => ({
      weight: weights[k],
      progress: keyResultProgress({ ...plan.keyResults[k].metric, target: targets[k] }, current[k].value).clamped,
      confidence: current[k].confidence,
    }));
    const childSummaries: Record<string, ChildSummary> = {};
    for (const [id, child] of Object.entries(children[index])) childSummaries[id] = { weight: child.weight, rollup: rollup(child.index) };
    const value = objectiveFigures(keyResults, childSummaries).rollup;
    rollups.set(index, value);
    return value;
  };
  const expected = expectedProgress(plan.calendar, now.getTime());
  const health: Record<ObjectiveHealth, number> = { on_track: 0, at_risk: 0, off_track: 0, closed: 0, archived: 0 };
  for (const o of plan.objectives) health[healthAt('open', rollup(o.index), expected)]++;
  return health;
}
