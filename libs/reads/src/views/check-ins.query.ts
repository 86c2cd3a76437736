import { Inject, Injectable } from '@nestjs/common';
import { CheckInCadence, CheckInStanding, MetricType, NotFoundError, checkInDue } from '@okr/domain';
import { CycleDocument, KeyResultDocument, ObjectiveDocument } from '@okr/projections';
import { CLOCK, Clock, ReadModels, findAll } from '@okr/platform';

/** A key result as the check-in lists show it: what it is, who owes it, when its next check-in falls due. */
export interface CheckInItem {
  keyResultId: string;
  title: string;
  objectiveId: string;
  objectiveTitle: string;
  cycleId: string;
  /** Who owes the check-in: the key result's owner, else its objective's. */
  ownerId: string | null;
  /** The objective's team. */
  teamId: string | null;
  /** The key result's own cadence, else its tenant's. */
  cadence: CheckInCadence;
  /** Effective time of the current check-in (null before any). */
  lastCheckInAt: string | null;
  dueAt: string;
  status: CheckInStanding;
  metricType: MetricType;
  unit: string | null;
  start: number;
  currentValue: number;
  target: number;
  progress: number;
  confidence: number | null;
}

export interface MyCheckIns {
  overdue: CheckInItem[];
  due: CheckInItem[];
  upToDate: CheckInItem[];
}

/** The caller of "my check-ins": their key results, their objectives', and their teams' objectives'. */
export interface CheckInCaller {
  userId: string;
  teamIds: readonly string[];
}

/** Soonest due first (the most overdue first), then by title and id: the same order on every read. */
function byDue(a: CheckInItem, b: CheckInItem): number {
  return a.dueAt.localeCompare(b.dueAt) || a.title.localeCompare(b.title) || a.keyResultId.localeCompare(b.keyResultId);
}

/**
 * Who owes which check-in, from the read models (each key result's current check-in and cadence) and the domain's
 * rule (checkInDue). `tenantCadence` is the tenant's cadence, for key results without their own.
 */
@Injectable()
export class CheckInsQuery {
  constructor(
    private readonly models: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The check-ins the caller owes in the cycle (default: every open cycle of the tenant), grouped overdue / due / up
   * to date: key results they own, those of objectives they own, those of their teams' objectives. Key results that
   * owe nothing (removed, objective closed or archived, cycle closed) are left out.
   */
  async mine(tenantId: string, caller: CheckInCaller, options: { cycleId?: string; tenantCadence: CheckInCadence }): Promise<MyCheckIns> {
    const cycles = options.cycleId
      ? [await this.cycleOf(tenantId, options.cycleId)]
      : await findAll(await this.models.cycles(), { tenantId, status: 'open' });
    const cycleIds = cycles.filter((c) => c.status === 'open').map((c) => c.id);
    const groups: MyCheckIns = { overdue: [], due: [], upToDate: [] };
    if (cycleIds.length === 0) return groups;

    const objectivesCollection = await this.models.objectives();
    const keyResultsCollection = await this.models.keyResults();
    const objectives = new Map<string, ObjectiveDocument>();
    for (const o of await findAll(objectivesCollection, { cycleId: cycleIds, ownerId: caller.userId })) objectives.set(o.id, o);
    if (caller.teamIds.length > 0) {
      for (const o of await findAll(objectivesCollection, { cycleId: cycleIds, teamId: [...caller.teamIds] })) objectives.set(o.id, o);
    }
    const keyResults = new Map<string, KeyResultDocument>();
    for (const k of await findAll(keyResultsCollection, { cycleId: cycleIds, ownerId: caller.userId })) keyResults.set(k.id, k);
    const wanted = [...objectives.values()].flatMap((o) => o.keyResults.map((k) => k.id)).filter((id) => !keyResults.has(id));
    for (const k of await keyResultsCollection.getMany(wanted)) keyResults.set(k.id, k);
    const missing = [...new Set([...keyResults.values()].map((k) => k.objectiveId))].filter((id) => !objectives.has(id));
    for (const o of await objectivesCollection.getMany(missing)) objectives.set(o.id, o);

    const byCycle = new Map(cycles.map((c) => [c.id, c]));
    const now = this.clock.now().getTime();
    for (const kr of keyResults.values()) {
      const objective = objectives.get(kr.objectiveId);
      const cycle = objective && byCycle.get(objective.cycleId);
      if (!objective || !cycle || objective.tenantId !== tenantId) continue;
      const item = checkInItem(kr, objective, cycle, options.tenantCadence, now);
      if (!item) continue;
      (item.status === 'overdue' ? groups.overdue : item.status === 'due' ? groups.due : groups.upToDate).push(item);
    }
    groups.overdue.sort(byDue);
    groups.due.sort(byDue);
    groups.upToDate.sort(byDue);
    return groups;
  }

  /** The cycle's overdue check-ins, the most overdue first (none once the cycle is closed). */
  async missed(tenantId: string, cycleId: string, tenantCadence: CheckInCadence): Promise<{ items: CheckInItem[] }> {
    const cycle = await this.cycleOf(tenantId, cycleId);
    if (cycle.status !== 'open') return { items: [] };
    const now = this.clock.now().getTime();
    // Overdue were their objective open; then their objectives, to leave out those closed or archived.
    const candidates = (await findAll(await this.models.keyResults(), { cycleId })).filter(
      (kr) => checkInItem(kr, undefined, cycle, tenantCadence, now)?.status === 'overdue',
    );
    const objectives = new Map(
      (await (await this.models.objectives()).getMany([...new Set(candidates.map((k) => k.objectiveId))])).map((o) => [o.id, o]),
    );
    const items: CheckInItem[] = [];
    for (const kr of candidates) {
      const objective = objectives.get(kr.objectiveId);
      const item = objective && checkInItem(kr, objective, cycle, tenantCadence, now);
      if (item?.status === 'overdue') items.push(item);
    }
    return { items: items.sort(byDue) };
  }

  private async cycleOf(tenantId: string, cycleId: string): Promise<CycleDocument> {
    const cycle = await (await this.models.cycles()).get(cycleId);
    if (!cycle || cycle.tenantId !== tenantId) throw new NotFoundError('cycle.not_found', `Cycle ${cycleId} not found`);
    return cycle;
  }
}

/**
 * A key result's item, or null when it owes no check-in (checkInDue). Without its objective, as if the objective were
 * open (the item's objective fields then empty): to find candidates before reading objectives.
 */
function checkInItem(
  kr: KeyResultDocument,
  objective: ObjectiveDocument | undefined,
  cycle: CycleDocument,
  tenantCadence: CheckInCadence,
  now: number,
): CheckInItem | null {
  const cadence = kr.checkInCadence ?? tenantCadence;
  const due = checkInDue({
    cadence,
    lastCheckInAt: kr.currentEffectiveAt,
    createdAt: kr.createdAt,
    removed: kr.removed,
    objectiveStatus: objective?.status ?? 'open',
    cycle,
    now,
  });
  if (!due) return null;
  return {
    keyResultId: kr.id,
    title: kr.title,
    objectiveId: kr.objectiveId,
    objectiveTitle: objective?.title ?? '',
    cycleId: cycle.id,
    ownerId: kr.ownerId ?? objective?.ownerId ?? null,
    teamId: objective?.teamId ?? null,
    cadence,
    lastCheckInAt: kr.currentEffectiveAt,
    dueAt: due.dueAt,
    status: due.status,
    metricType: kr.metric.type,
    unit: kr.metric.unit,
    start: kr.metric.start,
    currentValue: kr.current,
    target: kr.metric.target,
    progress: kr.progress,
    confidence: kr.confidence,
  };
}
