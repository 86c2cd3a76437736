import { MetricType } from '@okr/domain';
import { DemoCalendar, demoCalendar } from './demo-calendar';
import { Area, COMPANY_NAMES, DEPARTMENTS, FIRST_NAMES, LAST_NAMES, REGIONS } from './demo-names';
import {
  AREAS,
  COMPANY_KEY_RESULTS,
  COMPANY_OBJECTIVES,
  KeyResultTemplate,
  ORPHAN_INITIATIVES,
  keyResultPattern,
  titleWithTarget,
} from './demo-okr-templates';
import { Random } from './random';

/**
 * The structure of a demo organisation, decided up front from a seed: people, a three-level team tree,
 * a cycle, aligned objectives with their key results, and initiatives with their status timeline.
 * Plain data referring to other entries by index (ids only exist once the commands have run). What happens
 * day by day (check-ins, target changes…) is decided by DemoSimulation.
 */
export interface DemoSize {
  /** Teams in total, the company included: 1 company, departments, squads. At least 3. */
  teams: number;
  /** Objectives in total: company, department, squad and individual ones. At least 1. */
  objectives: number;
  /** Simulated days, the last of which is today, two thirds through the cycle. At least 1. */
  days: number;
}

export interface DemoPlanOptions extends DemoSize {
  seed: number;
  /** The real now: the simulated quarter ends up live on its date. */
  now: Date;
}

export const DEMO_LIMITS = {
  teams: { min: 3, max: 10_000 },
  objectives: { min: 1, max: 200_000 },
  days: { min: 1, max: 366 },
} as const;

export interface PlannedUser {
  index: number;
  name: string;
  /** The team the person works in. */
  teamIndex: number;
}

export type TeamLevel = 1 | 2 | 3;

export interface PlannedTeam {
  index: number;
  name: string;
  parentIndex: number | null;
  /** 1: the company, 2: a department, 3: a squad. */
  level: TeamLevel;
  area: Area | 'company';
  /** People working in this team. */
  memberIndexes: number[];
}

export type ObjectiveLevel = 'company' | 'department' | 'squad' | 'individual';

export interface PlannedRealignment {
  day: number;
  parentIndex: number;
  weight: number;
}

export interface PlannedObjective {
  index: number;
  level: ObjectiveLevel;
  title: string;
  description: string | null;
  kind: 'committed' | 'aspirational';
  teamIndex: number;
  ownerIndex: number;
  createdDay: number;
  /** The objective it aligns to (always created earlier), or null. */
  parentIndex: number | null;
  /** Alignment weight (> 0) when aligned. */
  weight: number | null;
  realignment: PlannedRealignment | null;
  keyResultIndexes: number[];
}

export interface PlannedKeyResult {
  index: number;
  objectiveIndex: number;
  /** A sentence with its start and target: "Reduce p95 latency of checkout from 900 ms to 400 ms". */
  title: string;
  /** The title with `{target}` for the target (see titleWithTarget): a moved target renames the key result. */
  titlePattern: string;
  metric: { type: MetricType; start: number; target: number; unit: string | null };
  /** Rounding step and plausible range of measured values. */
  step: number;
  min: number;
  max: number;
  weight: number;
  ownerIndex: number;
  createdDay: number;
}

export type InitiativeOutcome = 'done' | 'dropped';

export interface PlannedInitiative {
  index: number;
  title: string;
  ownerIndex: number;
  /** Empty for an orphan initiative. */
  keyResultIndexes: number[];
  createdDay: number;
  /** Day it moves to in_progress, or null (stays planned). */
  startDay: number | null;
  /** Day it ends (done or dropped), or null. */
  endDay: number | null;
  outcome: InitiativeOutcome | null;
}

export interface DemoPlan {
  seed: number;
  companyName: string;
  calendar: DemoCalendar;
  users: PlannedUser[];
  /** Index 0 is the chief executive, who sets up the cycle and the teams. */
  ceoIndex: number;
  teams: PlannedTeam[];
  objectives: PlannedObjective[];
  keyResults: PlannedKeyResult[];
  initiatives: PlannedInitiative[];
}

const ALIGNMENT_WEIGHTS = [1, 1, 1, 1, 2, 2, 0.5, 3, 1.5] as const;
const KEY_RESULT_WEIGHTS: readonly (readonly [number, number])[] = [
  [1, 0.7],
  [2, 0.18],
  [3, 0.06],
  [0.5, 0.06],
];
const KEY_RESULTS_PER_OBJECTIVE: readonly (readonly [number, number])[] = [
  [2, 0.1],
  [3, 0.25],
  [4, 0.35],
  [5, 0.3],
];
const ALL_METRIC_TYPES: readonly MetricType[] = ['increase', 'decrease', 'atLeast', 'atMost', 'milestone'];

function checkSize(name: keyof DemoSize, value: number): void {
  const { min, max } = DEMO_LIMITS[name];
  if (!Number.isInteger(value) || value < min || value > max)
    throw new RangeError(`${name} must be an integer from ${min} to ${max} (got ${value})`);
}

/** Builds the plan. Deterministic: the same options give the same plan. */
export function buildDemoPlan(options: DemoPlanOptions): DemoPlan {
  checkSize('teams', options.teams);
  checkSize('objectives', options.objectives);
  checkSize('days', options.days);
  const root = new Random(options.seed);
  const calendar = demoCalendar(options.days, options.now);
  const builder = new PlanBuilder(root.fork('plan'), calendar, options);
  return builder.build();
}

class PlanBuilder {
  private readonly users: PlannedUser[] = [];
  private readonly teams: PlannedTeam[] = [];
  private readonly objectives: PlannedObjective[] = [];
  private readonly keyResults: PlannedKeyResult[] = [];
  private readonly initiatives: PlannedInitiative[] = [];
  private readonly usedNames = new Set<string>();
  /** Objectives by `level` and by `level:teamIndex`, and sub-teams by parent: lookups stay O(1) at benchmark sizes. */
  private readonly objectivesByKey = new Map<string, PlannedObjective[]>();
  private readonly childTeams = new Map<number, PlannedTeam[]>();
  private anyAligned = false;
  /** Every objective title so far: no two objectives share one. */
  private readonly usedTitles = new Set<string>();
  /** Per area and kind, the title combinations (template, filler) not drawn yet, shuffled. */
  private readonly titleQueues = new Map<string, [string, string][]>();
  /** What each objective is about (its key results' `{s}`), by objective index. */
  private readonly subjects: string[] = [];
  /** The template of each key result, by key result index. */
  private readonly templates: KeyResultTemplate[] = [];
  /** A company-wide metric (ARR, NPS…) has one baseline and target, whichever objective measures it. */
  private readonly companyMetrics = new Map<string, { start: number; target: number }>();
  /** Last day on which objectives are still being written (early in the quarter). */
  private readonly lastCreationDay: number;

  constructor(
    private readonly random: Random,
    private readonly calendar: DemoCalendar,
    private readonly options: DemoPlanOptions,
  ) {
    this.lastCreationDay = Math.min(10, Math.floor(options.days / 3));
  }

  build(): DemoPlan {
    const companyName = this.random.pick(COMPANY_NAMES);
    this.buildTeams(companyName);
    this.buildPeople();
    this.buildObjectives();
    this.buildInitiatives();
    return {
      seed: this.options.seed,
      companyName,
      calendar: this.calendar,
      users: this.users,
      ceoIndex: 0,
      teams: this.teams,
      objectives: this.objectives,
      keyResults: this.keyResults,
      initiatives: this.initiatives,
    };
  }

  // ── teams: company → departments → squads ────────────────────────────────────────────────

  private buildTeams(companyName: string): void {
    const total = this.options.teams;
    const departmentCount = Math.min(Math.max(1, Math.round(Math.sqrt(total - 1))), total - 2);
    this.teams.push({ index: 0, name: companyName, parentIndex: null, level: 1, area: 'company', memberIndexes: [] });
    const departments: {
      team: PlannedTeam;
      base: (typeof DEPARTMENTS)[number];
      region: string | null;
      squadNames: string[];
      squads: number;
    }[] = [];
    for (let i = 0; i < departmentCount; i++) {
      const base = DEPARTMENTS[i % DEPARTMENTS.length];
      const round = Math.floor(i / DEPARTMENTS.length);
      const region =
        round === 0
          ? null
          : REGIONS[(round - 1) % REGIONS.length] + (round > REGIONS.length ? ` ${Math.ceil(round / REGIONS.length)}` : '');
      const team: PlannedTeam = {
        index: this.teams.length,
        name: region ? `${base.name} ${region}` : base.name,
        parentIndex: 0,
        level: 2,
        area: base.area,
        memberIndexes: [],
      };
      this.teams.push(team);
      departments.push({ team, base, region, squadNames: this.random.shuffle([...base.squads]), squads: 0 });
    }
    this.childTeams.set(
      0,
      departments.map((d) => d.team),
    );
    for (let s = 0; s < total - 1 - departmentCount; s++) {
      // The department with the fewest squads for its weight gets the next one.
      let chosen = departments[0];
      for (const d of departments) if ((d.squads + 1) / d.base.weight < (chosen.squads + 1) / chosen.base.weight) chosen = d;
      const k = chosen.squads++;
      const baseName = chosen.squadNames[k % chosen.squadNames.length];
      const repeat = Math.floor(k / chosen.squadNames.length);
      const name = `${baseName}${chosen.region ? ` ${chosen.region}` : ''}${repeat > 0 ? ` ${repeat + 1}` : ''}`;
      const squad: PlannedTeam = {
        index: this.teams.length,
        name,
        parentIndex: chosen.team.index,
        level: 3,
        area: chosen.base.area,
        memberIndexes: [],
      };
      this.teams.push(squad);
      const siblings = this.childTeams.get(chosen.team.index) ?? [];
      siblings.push(squad);
      this.childTeams.set(chosen.team.index, siblings);
    }
  }

  // ── people: a chief executive, a head per department, one or two people per squad ─────────

  private personName(): string {
    for (let attempt = 0; attempt < 50; attempt++) {
      const name = `${this.random.pick(FIRST_NAMES)} ${this.random.pick(LAST_NAMES)}`;
      if (!this.usedNames.has(name)) {
        this.usedNames.add(name);
        return name;
      }
    }
    const name = `${this.random.pick(FIRST_NAMES)} ${String.fromCharCode(65 + this.random.int(0, 25))}. ${this.random.pick(LAST_NAMES)} ${this.users.length + 1}`;
    this.usedNames.add(name);
    return name;
  }

  private addUser(teamIndex: number): number {
    const index = this.users.length;
    this.users.push({ index, name: this.personName(), teamIndex });
    this.teams[teamIndex].memberIndexes.push(index);
    return index;
  }

  private buildPeople(): void {
    for (const team of this.teams) {
      const count = team.level === 3 ? this.random.int(1, 2) : 1;
      for (let i = 0; i < count; i++) this.addUser(team.index);
    }
  }

  private teamsAt(level: TeamLevel): PlannedTeam[] {
    return this.teams.filter((t) => t.level === level);
  }

  /** People of a team and of its direct sub-teams. */
  private peopleAround(teamIndex: number): number[] {
    const people = [...this.teams[teamIndex].memberIndexes];
    for (const team of this.childTeams.get(teamIndex) ?? []) people.push(...team.memberIndexes);
    return people;
  }

  // ── objectives and key results ─────────────────────────────────────────────────────────────

  private buildObjectives(): void {
    const total = this.options.objectives;
    const companyCount = Math.min(total, Math.max(1, Math.min(COMPANY_OBJECTIVES.length, Math.round(total * 0.06))));
    const rest = total - companyCount;
    const departmentCount = Math.round(rest * 0.3);
    const squadCount = Math.round((rest - departmentCount) * 0.5);
    const individualCount = rest - departmentCount - squadCount;
    const departments = this.teamsAt(2);
    const squads = this.teamsAt(3);
    const r = this.random;

    const companyTitles = r.shuffle([...COMPANY_OBJECTIVES]);
    const executives = [0, ...departments.map((d) => d.memberIndexes[0])];
    for (let i = 0; i < companyCount; i++) {
      this.addObjective({
        level: 'company',
        title: this.distinct(companyTitles[i], this.teams[0]),
        subject: '',
        description: `Company objective for ${this.calendar.name}: every department aligns at least one objective here.`,
        teamIndex: 0,
        ownerIndex: i === 0 ? 0 : r.pick(executives),
        createdDay: 0,
        parentCandidates: [],
        committedChance: 0.7,
      });
    }
    const departmentOffset = r.int(0, departments.length - 1);
    for (let i = 0; i < departmentCount; i++) {
      const team = departments[(i + departmentOffset) % departments.length];
      this.addObjective({
        level: 'department',
        ...this.teamObjectiveTitle(team),
        description: null,
        teamIndex: team.index,
        ownerIndex: team.memberIndexes[0],
        createdDay: r.int(0, Math.min(2, this.lastCreationDay)),
        parentCandidates: this.objectivesOf('company'),
        committedChance: 0.75,
      });
    }
    const squadOffset = r.int(0, squads.length - 1);
    for (let i = 0; i < squadCount; i++) {
      const team = squads[(i + squadOffset) % squads.length];
      this.addObjective({
        level: 'squad',
        ...this.teamObjectiveTitle(team),
        description: null,
        teamIndex: team.index,
        ownerIndex: team.memberIndexes[0],
        createdDay: r.int(Math.min(1, this.lastCreationDay), this.lastCreationDay),
        parentCandidates: this.firstNonEmpty([this.objectivesOf('department', team.parentIndex), this.objectivesOf('company')]),
        committedChance: 0.75,
      });
    }
    for (let i = 0; i < individualCount; i++) {
      const team = r.pick(squads);
      const area = AREAS[team.area as Area];
      this.addObjective({
        level: 'individual',
        title: this.drawTitle(`${team.area}:personal`, area.personal, '{topic}', area.topics, team).title,
        subject: r.pick(area.subjects),
        description: null,
        teamIndex: team.index,
        ownerIndex: r.pick(team.memberIndexes),
        createdDay: r.int(Math.min(2, this.lastCreationDay), this.lastCreationDay),
        parentCandidates: this.firstNonEmpty([
          this.objectivesOf('squad', team.index),
          this.objectivesOf('department', team.parentIndex),
          this.objectivesOf('company'),
        ]),
        committedChance: 0.6,
      });
    }
    this.ensureEveryMetricType();
  }

  /**
   * The title of a department's or a squad's objective, and what it is about: a squad of an area whose squads own
   * something sometimes writes one about itself ("Cut onboarding time for Payments customers"); otherwise a
   * combination of the area's objectives and subjects ("Make checkout feel instant") that no objective has yet.
   */
  private teamObjectiveTitle(team: PlannedTeam): { title: string; subject: string } {
    const area = AREAS[team.area as Area];
    if (team.level === 3 && area.teamObjectives.length > 0 && this.random.chance(0.35)) {
      const title = this.random.pick(area.teamObjectives).replace('{team}', team.name);
      if (!this.usedTitles.has(title)) return { title: this.distinct(title, team), subject: team.name };
    }
    const { title, filler } = this.drawTitle(`${team.area}:objective`, area.objectives, '{s}', area.subjects, team);
    return { title, subject: filler };
  }

  /**
   * A title from `templates` × `fillers` (`slot` replaced by the filler) that no objective has yet, drawn in a shuffled
   * order; once all are taken (large organisations), one of them with the team's name.
   */
  private drawTitle(
    key: string,
    templates: readonly string[],
    slot: string,
    fillers: readonly string[],
    team: PlannedTeam,
  ): { title: string; filler: string } {
    let queue = this.titleQueues.get(key);
    if (!queue) {
      queue = this.random.shuffle(templates.flatMap((t) => fillers.map((f): [string, string] => [t, f])));
      this.titleQueues.set(key, queue);
    }
    while (queue.length > 0) {
      const [template, filler] = queue.pop() as [string, string];
      const title = template.replace(slot, filler);
      if (!this.usedTitles.has(title)) return { title: this.distinct(title, team), filler };
    }
    const filler = this.random.pick(fillers);
    return { title: this.distinct(this.random.pick(templates).replace(slot, filler), team), filler };
  }

  /** `title` if no objective has it yet, else with the team's name (and a number if need be); marked as used. */
  private distinct(title: string, team: PlannedTeam): string {
    let unique = title;
    if (this.usedTitles.has(unique)) unique = `${title} (${team.name})`;
    for (let n = 2; this.usedTitles.has(unique); n++) unique = `${title} (${team.name}, ${n})`;
    this.usedTitles.add(unique);
    return unique;
  }

  private objectivesOf(level: ObjectiveLevel, teamIndex?: number | null): PlannedObjective[] {
    return this.objectivesByKey.get(teamIndex === undefined ? level : `${level}:${teamIndex}`) ?? [];
  }

  private index(objective: PlannedObjective): void {
    for (const key of [objective.level, `${objective.level}:${objective.teamIndex}`]) {
      const list = this.objectivesByKey.get(key) ?? [];
      list.push(objective);
      this.objectivesByKey.set(key, list);
    }
  }

  private firstNonEmpty(lists: PlannedObjective[][]): PlannedObjective[] {
    return lists.find((list) => list.length > 0) ?? [];
  }

  private addObjective(spec: {
    level: ObjectiveLevel;
    title: string;
    subject: string;
    description: string | null;
    teamIndex: number;
    ownerIndex: number;
    createdDay: number;
    parentCandidates: PlannedObjective[];
    committedChance: number;
  }): void {
    const r = this.random;
    const index = this.objectives.length;
    // Most objectives align to one above them; the first that can always does.
    const parent = spec.parentCandidates.length > 0 && (!this.anyAligned || r.chance(0.9)) ? r.pick(spec.parentCandidates) : null;
    if (parent) this.anyAligned = true;
    const createdDay = parent ? Math.max(spec.createdDay, parent.createdDay) : spec.createdDay;
    const alignmentWeight = parent ? r.pick(ALIGNMENT_WEIGHTS) : null;
    let realignment: PlannedRealignment | null = null;
    if (parent && createdDay < this.options.days && r.chance(0.06)) {
      const others = spec.parentCandidates.filter((p) => p.index !== parent.index);
      const to = others.length > 0 ? r.pick(others) : parent;
      // Not before the new parent exists (parents are all written early in the quarter).
      const day = Math.max(r.int(createdDay + 1, this.options.days), to.createdDay);
      const weight = r.pick(ALIGNMENT_WEIGHTS);
      realignment = { day, parentIndex: to.index, weight: to === parent && weight === alignmentWeight ? weight + 1 : weight };
    }
    const objective: PlannedObjective = {
      index,
      level: spec.level,
      title: spec.title,
      description: spec.description,
      kind: r.chance(spec.committedChance) ? 'committed' : 'aspirational',
      teamIndex: spec.teamIndex,
      ownerIndex: spec.ownerIndex,
      createdDay,
      parentIndex: parent ? parent.index : null,
      weight: alignmentWeight,
      realignment,
      keyResultIndexes: [],
    };
    this.objectives.push(objective);
    this.subjects.push(spec.subject);
    this.index(objective);
    this.addKeyResults(objective);
  }

  private addKeyResults(objective: PlannedObjective): void {
    const r = this.random;
    const team = this.teams[objective.teamIndex];
    const pool = team.area === 'company' ? COMPANY_KEY_RESULTS : AREAS[team.area].keyResults;
    const available = r.shuffle([...pool]);
    const count = r.weighted(KEY_RESULTS_PER_OBJECTIVE);
    const people = this.peopleAround(objective.teamIndex);
    for (let i = 0; i < count && available.length > 0; i++) {
      const template = available.pop() as KeyResultTemplate;
      const later = objective.createdDay < this.options.days && r.chance(0.15);
      this.keyResults.push(
        this.keyResultFrom(template, {
          objectiveIndex: objective.index,
          ownerIndex: r.chance(0.6) ? objective.ownerIndex : r.pick(people),
          createdDay: later ? Math.min(this.options.days, objective.createdDay + r.int(1, 3)) : objective.createdDay,
        }),
      );
      objective.keyResultIndexes.push(this.keyResults.length - 1);
    }
  }

  private keyResultFrom(
    template: KeyResultTemplate,
    at: { objectiveIndex: number; ownerIndex: number; createdDay: number },
    index = this.keyResults.length,
  ): PlannedKeyResult {
    let values = this.companyMetrics.get(template.pattern);
    if (!values) {
      values = template.values(this.random);
      if (COMPANY_KEY_RESULTS.includes(template)) this.companyMetrics.set(template.pattern, values);
    }
    const { start, target } = values;
    const titlePattern = keyResultPattern(template, this.subjects[at.objectiveIndex], start);
    this.templates[index] = template;
    return {
      index,
      objectiveIndex: at.objectiveIndex,
      title: titleWithTarget(titlePattern, target, template.unit, template.step),
      titlePattern,
      metric: { type: template.type, start, target, unit: template.unit },
      step: template.step,
      min: template.min,
      max: template.max,
      weight: this.random.weighted(KEY_RESULT_WEIGHTS),
      ownerIndex: at.ownerIndex,
      createdDay: at.createdDay,
    };
  }

  /** Small plans may miss a metric type: swap a key result of an over-represented type for one of each missing type. */
  private ensureEveryMetricType(): void {
    const counts = new Map<MetricType, number>(ALL_METRIC_TYPES.map((t) => [t, 0]));
    for (const kr of this.keyResults) counts.set(kr.metric.type, (counts.get(kr.metric.type) ?? 0) + 1);
    for (const type of ALL_METRIC_TYPES) {
      if ((counts.get(type) ?? 0) > 0) continue;
      const donor = [...this.keyResults].reverse().find((k) => (counts.get(k.metric.type) ?? 0) > 1);
      if (!donor) return;
      counts.set(donor.metric.type, (counts.get(donor.metric.type) ?? 0) - 1);
      counts.set(type, 1);
      const objective = this.objectives[donor.objectiveIndex];
      const area = this.teams[objective.teamIndex].area;
      const pool = area === 'company' ? COMPANY_KEY_RESULTS : AREAS[area].keyResults;
      const siblings = new Set(objective.keyResultIndexes.map((i) => this.templates[i]));
      const candidates = pool.filter((t) => t.type === type && !siblings.has(t));
      const template =
        candidates.length > 0 ? this.random.pick(candidates) : this.random.pick(COMPANY_KEY_RESULTS.filter((t) => t.type === type));
      this.keyResults[donor.index] = this.keyResultFrom(template, donor, donor.index);
    }
  }

  // ── initiatives ────────────────────────────────────────────────────────────────────────────

  private buildInitiatives(): void {
    const r = this.random;
    const days = this.options.days;
    for (const objective of this.objectives) {
      const krs = objective.keyResultIndexes;
      const area = this.teams[objective.teamIndex].area;
      const titles = r.shuffle([...(area === 'company' ? AREAS[r.pick(Object.keys(AREAS) as Area[])] : AREAS[area]).initiatives]);
      const people = this.peopleAround(objective.teamIndex);
      krs.forEach((krIndex, position) => {
        // The last key result of the plan never gets one, so there is always a key result without initiative.
        const lastIndex = this.keyResults.length - 1;
        const count =
          krIndex === lastIndex
            ? 0
            : r.weighted([
                [0, 0.3],
                [1, 0.58],
                [2, 0.12],
              ] as const);
        for (let i = 0; i < count && titles.length > 0; i++) {
          const linked = [krIndex];
          // Some initiatives move two key results of the same objective.
          if (position + 1 < krs.length && krs[position + 1] !== lastIndex && r.chance(0.2)) linked.push(krs[position + 1]);
          const kr = this.keyResults[krIndex];
          const ready = Math.max(...linked.map((k) => this.keyResults[k].createdDay));
          this.addInitiative({
            title: titles.pop() as string,
            ownerIndex: r.chance(0.5) ? kr.ownerIndex : r.pick(people),
            keyResultIndexes: linked,
            createdDay: Math.min(
              days,
              ready +
                r.weighted([
                  [0, 0.5],
                  [1, 0.2],
                  [2, 0.15],
                  [5, 0.15],
                ] as const),
            ),
          });
        }
      });
    }
    // Orphans: about one in twelve initiatives (at least one), not linked to any key result.
    const orphans = Math.max(1, Math.round(this.initiatives.length / 11));
    for (let i = 0; i < orphans; i++) {
      this.addInitiative({
        title: r.pick(ORPHAN_INITIATIVES),
        ownerIndex: r.int(0, this.users.length - 1),
        keyResultIndexes: [],
        createdDay: r.int(0, Math.max(0, this.lastCreationDay)),
      });
    }
    this.ensureSeveralStatuses();
  }

  private addInitiative(spec: { title: string; ownerIndex: number; keyResultIndexes: number[]; createdDay: number }): void {
    const r = this.random;
    const days = this.options.days;
    const created = spec.createdDay;
    let startDay: number | null = null;
    let endDay: number | null = null;
    let outcome: InitiativeOutcome | null = null;
    if (created < days && r.chance(0.8)) {
      startDay = Math.min(days, created + r.int(1, Math.max(1, Math.round(days * 0.2))));
      if (startDay < days && r.chance(0.6)) {
        const end = startDay + r.int(2, Math.max(2, Math.round(days * 0.5)));
        if (end <= days) {
          endDay = end;
          outcome = r.chance(0.82) ? 'done' : 'dropped';
        }
      }
    }
    this.initiatives.push({ index: this.initiatives.length, ...spec, startDay, endDay, outcome });
  }

  /** Small or short runs could end with every initiative in one status: give the first four one each, when the days allow. */
  private ensureSeveralStatuses(): void {
    const days = this.options.days;
    const finals = this.random.shuffle(['planned', 'in_progress', 'done', 'dropped'] as const);
    const candidates = this.initiatives.slice(0, 4);
    candidates.forEach((initiative, i) => {
      const wanted = finals[i];
      const created = initiative.createdDay;
      if (wanted === 'planned') {
        Object.assign(initiative, { startDay: null, endDay: null, outcome: null });
      } else if (wanted === 'in_progress' && created + 1 <= days) {
        Object.assign(initiative, { startDay: created + 1, endDay: null, outcome: null });
      } else if ((wanted === 'done' || wanted === 'dropped') && created + 2 <= days) {
        const end = Math.min(days, created + 2 + this.random.int(0, 5));
        Object.assign(initiative, { startDay: created + 1, endDay: end, outcome: wanted });
      }
    });
  }
}

/** The final status each initiative reaches by the last simulated day. */
export function finalStatus(initiative: PlannedInitiative): 'planned' | 'in_progress' | InitiativeOutcome {
  return initiative.outcome ?? (initiative.startDay !== null ? 'in_progress' : 'planned');
}
