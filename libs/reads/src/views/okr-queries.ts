import { Inject, Injectable } from '@nestjs/common';
import { InvalidInputError, NotFoundError, isLiveInitiative, outputsAndOutcome, weightedMean } from '@okr/domain';
import { CycleDocument, KeyResultDocument, ObjectiveDocument, TeamDocument } from '@okr/projections';
import { FindQuery, Page, ReadModelQueryError } from '@okr/read-model';
import { CLOCK, Clock, ReadModels, findAll } from '@okr/platform';
import { KeyResultReadView, ObjectiveSummaryView, keyResultReadView, objectiveSummaryView } from './objective-read.views';

/** A cycle as GET /api/cycles lists it. */
export type CycleSummaryView = Pick<CycleDocument, 'id' | 'name' | 'startsOn' | 'endsOn' | 'status' | 'closedAt'>;
/** A team as GET /api/teams lists it. */
export type TeamSummaryView = Pick<TeamDocument, 'id' | 'name' | 'parentTeamId'>;

export interface ObjectiveFilters {
  cycleId?: string;
  teamId?: string;
  ownerId?: string;
  parentId?: string;
  status?: 'open' | 'closed' | 'archived';
  limit: number;
  cursor?: string;
}

/** A page of a query whose cursor came from the client: a cursor the store rejects is the client's fault (400). */
async function paged<T extends { id: string; version: number }>(
  collection: { find(query: FindQuery): Promise<Page<T>> },
  query: FindQuery,
): Promise<Page<T>> {
  try {
    return await collection.find(query);
  } catch (error) {
    if (error instanceof ReadModelQueryError && query.after !== undefined) {
      throw new InvalidInputError('cursor.invalid', 'cursor is not a cursor this list returned', 'cursor');
    }
    throw error;
  }
}

/** Queries served from the projected read models (never from the event streams). */
@Injectable()
export class OkrQueries {
  constructor(
    private readonly models: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private now(): number {
    return this.clock.now().getTime();
  }

  /**
   * The cycle, if it is the tenant's. Everything in a cycle belongs to the cycle's tenant (commands check
   * it), so queries within a verified cycle filter by cycleId alone, the selective index.
   */
  private async cycleOf(tenantId: string, cycleId: string): Promise<CycleDocument> {
    const cycle = await (await this.models.cycles()).get(cycleId);
    if (!cycle || cycle.tenantId !== tenantId) throw new NotFoundError('cycle.not_found', `Cycle ${cycleId} not found`);
    return cycle;
  }

  private async cyclesById(ids: Iterable<string>): Promise<Map<string, CycleDocument>> {
    const cycles = await (await this.models.cycles()).getMany([...new Set(ids)]);
    return new Map(cycles.map((c) => [c.id, c]));
  }

  async listObjectives(tenantId: string, filters: ObjectiveFilters): Promise<Page<ObjectiveSummaryView>> {
    const where: Record<string, string> = { tenantId };
    if (filters.cycleId) where.cycleId = filters.cycleId;
    if (filters.teamId) where.teamId = filters.teamId;
    if (filters.ownerId) where.ownerId = filters.ownerId;
    if (filters.parentId) where.parentId = filters.parentId;
    if (filters.status) where.status = filters.status;
    const page = await paged(await this.models.objectives(), {
      where,
      orderBy: [{ field: 'createdPosition', direction: 'asc' }],
      limit: filters.limit,
      after: filters.cursor,
    });
    const cycles = await this.cyclesById(page.items.map((o) => o.cycleId));
    const now = this.now();
    return { items: page.items.map((o) => objectiveSummaryView(o, cycles.get(o.cycleId), now)), nextCursor: page.nextCursor };
  }

  async objective(tenantId: string, id: string) {
    const objective = await (await this.models.objectives()).get(id);
    if (!objective || objective.tenantId !== tenantId) throw new NotFoundError('objective.not_found', `Objective ${id} not found`);
    const cycle = await (await this.models.cycles()).get(objective.cycleId);
    const keyResults = await (await this.models.keyResults()).getMany(objective.keyResults.map((k) => k.id));
    const initiativeIds = [...new Set(keyResults.flatMap((k) => k.initiativeIds))];
    const initiatives = await (await this.models.initiatives()).getMany(initiativeIds);
    const summary = objectiveSummaryView(objective, cycle, this.now());
    return {
      ...summary,
      description: objective.description,
      closedAt: objective.closedAt,
      createdAt: objective.createdAt,
      carriedOverFrom: objective.carriedOverFrom,
      carriedOverTo: objective.carriedOverTo,
      keyResults: keyResults.map(keyResultReadView),
      initiatives: initiatives.map((i) => ({
        id: i.id,
        title: i.title,
        status: i.status,
        ownerId: i.ownerId,
        keyResultIds: i.keyResultIds,
      })),
    };
  }

  /**
   * A team with its sub-teams: their objectives in the cycle and the team's rollup, the mean of the
   * rollups of the objectives that are not aligned under another objective of the same set (so nothing
   * counts twice).
   */
  async teamRollup(tenantId: string, teamId: string, cycleId: string) {
    const teams = await findAll(await this.models.teams(), { tenantId });
    const team = teams.find((t) => t.id === teamId);
    if (!team) throw new NotFoundError('team.not_found', `Team ${teamId} not found`);
    const cycle = await this.cycleOf(tenantId, cycleId);
    const subtree = this.subtree(teams, teamId);
    const ids = subtree.map((t) => t.id);
    const objectives = (
      await findAll(await this.models.objectives(), { cycleId, teamId: ids }, [{ field: 'createdPosition', direction: 'asc' }])
    ).filter((o) => o.status !== 'archived');
    const inSet = new Set(objectives.map((o) => o.id));
    const rollupOf = (list: ObjectiveDocument[]) => {
      const set = new Set(list.map((o) => o.id));
      return weightedMean(list.filter((o) => !o.parentId || !set.has(o.parentId)).map((o) => ({ weight: 1, value: o.rollup })));
    };
    const now = this.now();
    return {
      team: { id: team.id, name: team.name, parentTeamId: team.parentTeamId },
      cycle: { id: cycle.id, name: cycle.name },
      rollup: rollupOf(objectives),
      topObjectiveIds: objectives.filter((o) => !o.parentId || !inSet.has(o.parentId)).map((o) => o.id),
      teams: subtree.map((t) => {
        const own = objectives.filter((o) => o.teamId === t.id);
        return { id: t.id, name: t.name, parentTeamId: t.parentTeamId, objectives: own.length, rollup: rollupOf(own) };
      }),
      objectives: objectives.map((o) => objectiveSummaryView(o, cycle, now)),
    };
  }

  private subtree(teams: TeamDocument[], rootId: string): TeamDocument[] {
    const children = new Map<string, TeamDocument[]>();
    for (const t of teams) if (t.parentTeamId) children.set(t.parentTeamId, [...(children.get(t.parentTeamId) ?? []), t]);
    const out: TeamDocument[] = [];
    const queue = teams.filter((t) => t.id === rootId);
    const seen = new Set<string>();
    while (queue.length) {
      const t = queue.shift()!;
      if (seen.has(t.id)) continue;
      seen.add(t.id);
      out.push(t);
      queue.push(...(children.get(t.id) ?? []));
    }
    return out;
  }

  async keyResult(tenantId: string, id: string): Promise<KeyResultReadView> {
    const kr = await (await this.models.keyResults()).get(id);
    if (!kr || kr.tenantId !== tenantId) throw new NotFoundError('key_result.not_found', `Key result ${id} not found`);
    return keyResultReadView(kr);
  }

  /** GET /api/cycles: the tenant's cycles, earliest start first (then by name): what `--cycle <name>` of the CLI is looked up in. */
  async cycles(tenantId: string): Promise<{ items: CycleSummaryView[] }> {
    const cycles = await findAll<CycleDocument>(await this.models.cycles(), { tenantId });
    cycles.sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    return { items: cycles.map(({ id, name, startsOn, endsOn, status, closedAt }) => ({ id, name, startsOn, endsOn, status, closedAt })) };
  }

  /** GET /api/teams: the tenant's teams, by name. */
  async teams(tenantId: string): Promise<{ items: TeamSummaryView[] }> {
    const teams = await findAll<TeamDocument>(await this.models.teams(), { tenantId });
    teams.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    return { items: teams.map(({ id, name, parentTeamId }) => ({ id, name, parentTeamId })) };
  }

  /**
   * Outputs against outcomes: for each live key result of the cycle, its live initiatives and how many are done,
   * with its flags (outputsAndOutcome); plus orphan initiatives (no live key result) and unaligned objectives
   * (no parent while their team has a parent team).
   */
  async outputsVsOutcomes(tenantId: string, cycleId: string) {
    const cycle = await this.cycleOf(tenantId, cycleId);
    const keyResults = (await findAll(await this.models.keyResults(), { cycleId })).filter((k) => !k.removed);
    const initiativesCollection = await this.models.initiatives();
    const linked = await initiativesCollection.getMany([...new Set(keyResults.flatMap((k) => k.initiativeIds))]);
    const byId = new Map(linked.map((i) => [i.id, i]));
    const rows = keyResults.map((kr) => {
      const statuses = kr.initiativeIds.flatMap((id) => byId.get(id)?.status ?? []);
      const { initiatives, flags } = outputsAndOutcome(statuses, kr.progress);
      return { keyResultId: kr.id, objectiveId: kr.objectiveId, title: kr.title, progress: kr.progress, initiatives, flags };
    });
    const orphanInitiatives = await this.orphanInitiatives(tenantId);
    const teams = new Map((await findAll(await this.models.teams(), { tenantId })).map((t) => [t.id, t]));
    const objectives = await findAll(await this.models.objectives(), { cycleId });
    const unalignedObjectives = objectives
      .filter((o) => o.status !== 'archived' && !o.parentId && o.teamId && teams.get(o.teamId)?.parentTeamId)
      .map((o) => ({ id: o.id, title: o.title, teamId: o.teamId }));
    return { cycle: { id: cycle.id, name: cycle.name }, keyResults: rows, orphanInitiatives, unalignedObjectives };
  }

  /** Initiatives (not dropped) of the tenant linked to no live key result. */
  private async orphanInitiatives(tenantId: string) {
    const initiatives = (await findAll(await this.models.initiatives(), { tenantId })).filter((i) => isLiveInitiative(i.status));
    const keyResults = await (await this.models.keyResults()).getMany([...new Set(initiatives.flatMap((i) => i.keyResultIds))]);
    const live = new Set(keyResults.filter((k: KeyResultDocument) => !k.removed).map((k) => k.id));
    return initiatives
      .filter((i) => !i.keyResultIds.some((id) => live.has(id)))
      .map((i) => ({ id: i.id, title: i.title, status: i.status }));
  }
}

export type { KeyResultReadView };
