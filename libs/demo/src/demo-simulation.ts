import { weekday } from './demo-calendar';
import { NOTES_DONE, NOTES_DOWN, NOTES_FLAT, NOTES_MILESTONE, NOTES_UP, REASONS_LOWER, REASONS_RAISE } from './demo-activity-texts';
import { DemoPlan, PlannedKeyResult } from './demo-plan';
import { roundTo, titleWithTarget } from './demo-okr-templates';
import { Random } from './random';

/**
 * One thing a person does on a simulated day. Entities are referred to by plan index; `actor` is the
 * index of the user doing it (null: the tenant's administrator).
 */
export type DemoAction =
  | { kind: 'createUser'; actor: null; user: number }
  | { kind: 'scheduleCycle'; actor: number }
  | { kind: 'createTeam'; actor: number; team: number }
  | { kind: 'createObjective'; actor: number; objective: number }
  | { kind: 'alignObjective'; actor: number; objective: number; parent: number; weight: number; realignment: boolean }
  | { kind: 'addKeyResult'; actor: number; keyResult: number }
  | { kind: 'createInitiative'; actor: number; initiative: number }
  | {
      kind: 'checkIn';
      actor: number;
      keyResult: number;
      value: number;
      confidence: number;
      note: string | null;
      /** > 0: the value was true this many days before the check-in (a backdated effectiveAt). */
      backdateDays: number;
    }
  /** A new target, with its reason and the title that states it. */
  | { kind: 'changeTarget'; actor: number; keyResult: number; target: number; reason: string; title: string }
  | { kind: 'changeWeight'; actor: number; keyResult: number; weight: number }
  | { kind: 'setInitiativeStatus'; actor: number; initiative: number; status: 'in_progress' | 'done' | 'dropped' };

/** How often a key result's owner checks in, in days (0: never — a stale key result). */
const CADENCES: readonly (readonly [number, number])[] = [
  [7, 0.5],
  [3, 0.2],
  [4, 0.13],
  [14, 0.12],
  [0, 0.05],
];

/**
 * Where key results are really heading, tuned so that today, two thirds through the cycle, the organisation looks
 * like a healthy one: most objectives on track, some at risk, a few off track (see demo-simulation.spec.ts).
 * Achievement: the fraction of the planned change reached by the end of the cycle (increase/decrease); a few key
 * results stall (they barely move, or slide back).
 */
const ACHIEVEMENT = { mean: 1.2, deviation: 0.25, min: 0.3, max: 1.6 };
const STALLED = { share: 0.08, min: -0.2, max: 0.3 };
/** Share of atLeast/atMost key results that end on the right side of their threshold. */
const THRESHOLD_HOLDS = 0.85;
/** Share of milestones done within the cycle (on a day from 10 % to 90 % of it). */
const MILESTONE_DONE = 0.9;

/** Per key result, what the simulation knows and the people do not: where it is really heading. */
interface KeyResultTrack {
  /** Fraction of the planned change achieved by the end of the cycle (increase/decrease). */
  achievement: number;
  /** Shape of the path: < 1 fast start, > 1 hockey stick. */
  curve: number;
  /** Size of the week-to-week noise, as a fraction of the planned change. */
  noise: number;
  drift: number;
  /** atLeast/atMost: whether it ends on the right side of the threshold. */
  holds: boolean;
  /** milestone: the day it is done, or null. */
  doneDay: number | null;
  cadence: number;
  nextDue: number;
  /** First due day that was skipped, for a backdated catch-up. */
  lateSince: number | null;
  target: number;
  weight: number;
  lastValue: number;
  targetChangeDay: number | null;
  weightChangeDay: number | null;
}

/**
 * Decides, day by day, what everyone does: the setup and creations the plan schedules, and the activity
 * that makes history look real — check-ins drifting toward or away from targets with noise, confidence
 * following progress, notes, backdated catch-ups, target and weight changes, initiative status changes,
 * realignments. Deterministic for a plan and seed; memory is a few numbers per key result.
 */
export class DemoSimulation {
  private readonly random: Random;
  private readonly tracks: KeyResultTrack[];
  private readonly objectivesByDay: number[][];
  private readonly keyResultsByDay: number[][];
  private readonly initiativesByDay: number[][];
  private readonly statusChangesByDay: { initiative: number; status: 'in_progress' | 'done' | 'dropped' }[][];
  private readonly realignmentsByDay: number[][];

  constructor(private readonly plan: DemoPlan) {
    this.random = new Random(plan.seed).fork('simulation');
    const days = plan.calendar.days;
    const byDay = () => Array.from({ length: days + 1 }, () => [] as never[]);
    this.objectivesByDay = byDay();
    this.keyResultsByDay = byDay();
    this.initiativesByDay = byDay();
    this.statusChangesByDay = byDay();
    this.realignmentsByDay = byDay();
    for (const o of plan.objectives) {
      this.objectivesByDay[o.createdDay].push(o.index);
      if (o.realignment) this.realignmentsByDay[o.realignment.day].push(o.index);
    }
    for (const i of plan.initiatives) {
      this.initiativesByDay[i.createdDay].push(i.index);
      if (i.startDay !== null) this.statusChangesByDay[i.startDay].push({ initiative: i.index, status: 'in_progress' });
      if (i.endDay !== null && i.outcome) this.statusChangesByDay[i.endDay].push({ initiative: i.index, status: i.outcome });
    }
    this.tracks = plan.keyResults.map((kr) => this.track(kr));
    for (const kr of plan.keyResults) {
      // Key results written after their objective's day are added on their own day.
      if (kr.createdDay !== plan.objectives[kr.objectiveIndex].createdDay) this.keyResultsByDay[kr.createdDay].push(kr.index);
    }
    this.ensureATargetChange();
  }

  private track(kr: PlannedKeyResult): KeyResultTrack {
    const r = this.random;
    const days = this.plan.calendar.days;
    const cadence = r.weighted(CADENCES);
    const canChangeLater = kr.createdDay < days;
    const targetChangeDay =
      kr.metric.type !== 'milestone' && canChangeLater && r.chance(0.12)
        ? r.int(kr.createdDay + 1 + Math.floor((days - kr.createdDay - 1) * 0.3), days)
        : null;
    return {
      achievement: r.chance(STALLED.share)
        ? r.between(STALLED.min, STALLED.max)
        : Math.min(ACHIEVEMENT.max, Math.max(ACHIEVEMENT.min, r.normal(ACHIEVEMENT.mean, ACHIEVEMENT.deviation))),
      curve: r.between(0.7, 1.3),
      noise: r.between(0.02, 0.06),
      drift: 0,
      holds: r.chance(THRESHOLD_HOLDS),
      doneDay:
        kr.metric.type === 'milestone' && r.chance(MILESTONE_DONE)
          ? r.int(Math.round(this.plan.calendar.lengthDays * 0.1), Math.round(this.plan.calendar.lengthDays * 0.9))
          : null,
      cadence,
      nextDue: kr.createdDay + r.int(1, Math.max(1, Math.min(cadence || 5, 5))),
      lateSince: null,
      target: kr.metric.target,
      weight: kr.weight,
      lastValue: kr.metric.start,
      targetChangeDay,
      weightChangeDay: canChangeLater && r.chance(0.05) ? r.int(kr.createdDay + 1, days) : null,
    };
  }

  /** A quarter of history always has someone moving a goalpost, with a reason. */
  private ensureATargetChange(): void {
    if (this.tracks.some((t) => t.targetChangeDay !== null)) return;
    const days = this.plan.calendar.days;
    const kr = this.plan.keyResults.find((k) => k.metric.type !== 'milestone' && k.createdDay < days);
    if (kr) this.tracks[kr.index].targetChangeDay = this.random.int(kr.createdDay + 1, days);
  }

  /** Everything that happens on simulated day `day` (0 … days), in the order it happens. */
  actionsFor(day: number): DemoAction[] {
    const plan = this.plan;
    const actions: DemoAction[] = [];
    const ceo = plan.ceoIndex;
    if (day === 0) {
      for (const user of plan.users) actions.push({ kind: 'createUser', actor: null, user: user.index });
      actions.push({ kind: 'scheduleCycle', actor: ceo });
      for (const team of plan.teams) actions.push({ kind: 'createTeam', actor: ceo, team: team.index });
    }
    // Morning: what the plan has people write today, parents before children.
    for (const index of this.objectivesByDay[day]) {
      const o = plan.objectives[index];
      actions.push({ kind: 'createObjective', actor: o.ownerIndex, objective: index });
      if (o.parentIndex !== null && o.weight !== null) {
        actions.push({
          kind: 'alignObjective',
          actor: o.ownerIndex,
          objective: index,
          parent: o.parentIndex,
          weight: o.weight,
          realignment: false,
        });
      }
      for (const k of o.keyResultIndexes)
        if (plan.keyResults[k].createdDay === day) actions.push({ kind: 'addKeyResult', actor: o.ownerIndex, keyResult: k });
    }
    for (const k of this.keyResultsByDay[day])
      actions.push({ kind: 'addKeyResult', actor: plan.objectives[plan.keyResults[k].objectiveIndex].ownerIndex, keyResult: k });
    for (const i of this.initiativesByDay[day])
      actions.push({ kind: 'createInitiative', actor: plan.initiatives[i].ownerIndex, initiative: i });

    // The rest of the day, in random order.
    const activity: DemoAction[] = [];
    for (const change of this.statusChangesByDay[day]) {
      activity.push({
        kind: 'setInitiativeStatus',
        actor: plan.initiatives[change.initiative].ownerIndex,
        initiative: change.initiative,
        status: change.status,
      });
    }
    for (const index of this.realignmentsByDay[day]) {
      const o = plan.objectives[index];
      const to = o.realignment!;
      activity.push({
        kind: 'alignObjective',
        actor: o.ownerIndex,
        objective: index,
        parent: to.parentIndex,
        weight: to.weight,
        realignment: true,
      });
    }
    for (const kr of plan.keyResults) {
      if (kr.createdDay >= day) continue;
      const track = this.tracks[kr.index];
      if (track.targetChangeDay === day) {
        const change = this.targetChange(kr, track);
        if (change) activity.push(change);
      }
      if (track.weightChangeDay === day) {
        const weight = this.random.pick([0.5, 1, 2, 3].filter((w) => w !== track.weight));
        track.weight = weight;
        activity.push({ kind: 'changeWeight', actor: plan.objectives[kr.objectiveIndex].ownerIndex, keyResult: kr.index, weight });
      }
      const checkIn = this.checkIn(kr, track, day);
      if (checkIn) activity.push(checkIn);
    }
    return actions.concat(this.random.shuffle(activity));
  }

  private checkIn(kr: PlannedKeyResult, track: KeyResultTrack, day: number): DemoAction | null {
    const r = this.random;
    if (track.cadence === 0 || day < track.nextDue) return null;
    const dow = weekday(this.plan.calendar, day);
    if ((dow === 0 || dow === 6) && r.chance(0.85)) return null; // most people do not work weekends
    if (r.chance(0.08)) {
      // Forgot; will catch up later.
      track.lateSince ??= track.nextDue;
      track.nextDue = day + 1;
      return null;
    }
    let backdateDays = 0;
    if (track.lateSince !== null && day - track.lateSince >= 1 && track.lateSince > kr.createdDay && r.chance(0.5)) {
      backdateDays = day - track.lateSince; // "this was last Friday's number"
    } else if (day - 1 > kr.createdDay && r.chance(0.03)) {
      backdateDays = r.int(1, Math.min(2, day - kr.createdDay - 1));
    }
    track.lateSince = null;
    track.nextDue = day + Math.max(1, track.cadence + r.int(-1, 1));
    const effectiveDay = day - backdateDays;
    const value = this.valueOn(kr, track, effectiveDay);
    if (kr.metric.type === 'milestone' && value === 1) track.cadence = 0; // done: nothing more to report
    const previous = track.lastValue;
    track.lastValue = value;
    return {
      kind: 'checkIn',
      actor: kr.ownerIndex,
      keyResult: kr.index,
      value,
      confidence: this.confidence(kr, track, effectiveDay, value),
      note: r.chance(0.3) ? this.note(kr, track, previous, value) : null,
      backdateDays,
    };
  }

  /** Where the measured value is on a day: a path toward (or away from) the target, plus drifting noise. */
  private valueOn(kr: PlannedKeyResult, track: KeyResultTrack, day: number): number {
    const { type, start, target } = kr.metric;
    const x = Math.min(1, Math.max(0, day / this.plan.calendar.lengthDays));
    if (type === 'milestone') return track.doneDay !== null && day >= track.doneDay ? 1 : 0;
    track.drift = 0.7 * track.drift + this.random.normal(0, track.noise);
    let raw: number;
    if (type === 'increase' || type === 'decrease') {
      raw = start + (target - start) * (track.achievement * Math.pow(x, track.curve) + track.drift);
    } else {
      // atLeast / atMost: settles on one side of the threshold by mid-cycle, then hovers.
      const gap = Math.max(Math.abs(start - target), kr.step * 3);
      const good = type === 'atLeast' ? 1 : -1;
      const end = target + good * (track.holds ? 0.3 : -0.3) * gap;
      raw = start + (end - start) * Math.pow(Math.min(1, x / 0.6), track.curve) + track.drift * gap * 1.5;
    }
    return Math.min(kr.max, Math.max(kr.min, roundTo(raw, kr.step)));
  }

  /** Confidence follows progress against time elapsed, with some personality. */
  private confidence(kr: PlannedKeyResult, track: KeyResultTrack, day: number, value: number): number {
    const x = Math.min(1, day / this.plan.calendar.lengthDays);
    const { type, start } = kr.metric;
    let c: number;
    if (type === 'milestone') {
      c = value === 1 ? 0.95 : track.doneDay !== null ? 0.6 + 0.25 * x : 0.6 - 0.35 * x;
    } else if (type === 'increase' || type === 'decrease') {
      const progress = (value - start) / (track.target - start);
      c = 0.55 + 0.6 * (progress - 0.9 * x) + 0.25 * (track.achievement - ACHIEVEMENT.mean);
    } else {
      const met = type === 'atLeast' ? value >= track.target : value <= track.target;
      c = (met ? 0.75 : 0.45) + (track.holds ? 0.1 : -0.1);
    }
    c += this.random.normal(0, 0.06);
    return Math.round(Math.min(0.95, Math.max(0.05, c)) * 20) / 20;
  }

  private note(kr: PlannedKeyResult, track: KeyResultTrack, previous: number, value: number): string {
    const r = this.random;
    const { type, start } = kr.metric;
    if (type === 'milestone') return r.pick(value === 1 ? NOTES_DONE : NOTES_MILESTONE);
    const better = type === 'decrease' || type === 'atMost' ? previous - value : value - previous;
    const scale = Math.max(Math.abs(track.target - start) * 0.02, kr.step);
    return r.pick(better > scale ? NOTES_UP : better < -scale ? NOTES_DOWN : NOTES_FLAT);
  }

  /** Ahead of plan: raise the bar; behind: lower it; always with a reason. */
  private targetChange(kr: PlannedKeyResult, track: KeyResultTrack): DemoAction | null {
    const r = this.random;
    const { type, start } = kr.metric;
    const delta = track.target - start;
    // +1 when a larger target is more ambitious.
    const ambitious = type === 'increase' || type === 'atLeast' ? 1 : -1;
    let raise: boolean;
    let moveBy: number;
    if (type === 'increase' || type === 'decrease') {
      raise = track.achievement > ACHIEVEMENT.mean + 0.15 ? true : track.achievement < ACHIEVEMENT.mean - 0.35 ? false : r.chance(0.5);
      moveBy = Math.abs(delta) * (raise ? r.between(0.1, 0.3) : r.between(0.15, 0.35));
    } else {
      raise = track.holds;
      moveBy = Math.max(Math.abs(delta), kr.step * 3) * (raise ? 0.2 : 0.3);
    }
    const valid = (t: number) =>
      t !== track.target && t >= kr.min && t <= kr.max && (type !== 'increase' || t > start) && (type !== 'decrease' || t < start);
    const at = (up: boolean, by: number) => roundTo(track.target + ambitious * (up ? 1 : -1) * by, kr.step);
    let target = at(raise, moveBy);
    if (!valid(target)) target = at(raise, kr.step);
    if (!valid(target)) {
      raise = !raise;
      target = at(raise, kr.step);
    }
    if (!valid(target)) return null;
    track.target = target;
    const objectiveOwner = this.plan.objectives[kr.objectiveIndex].ownerIndex;
    return {
      kind: 'changeTarget',
      actor: r.chance(0.5) ? objectiveOwner : kr.ownerIndex,
      keyResult: kr.index,
      target,
      reason: r.pick(raise ? REASONS_RAISE : REASONS_LOWER),
      title: titleWithTarget(kr.titlePattern, target, kr.metric.unit, kr.step),
    };
  }
}
