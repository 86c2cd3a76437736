import { Injectable } from '@nestjs/common';
import {
  ExistingKeyResult,
  ExistingObjective,
  KeyResultContext,
  KeyResultForScoring,
  LinkableKeyResult,
  NotFoundError,
  OtherAdmins,
  ParentObjective,
  ParentTeam,
  StreamCategory,
  currentProgress,
  keyResultDecider,
  objectiveDecider,
  streamName,
} from '@okr/domain';
import { CommandContext } from './command-context';
import { CycleEntry, Directory, ObjectiveEntry } from './directory';
import { StreamExecutor } from './stream-executor';

/**
 * The facts a decision needs from streams other than its own, gathered one way for every command handler:
 * relations and statuses (an objective's cycle, its key results, ancestors for loop checks, who exists) from the
 * Directory, caught up with the log first; the figures of other aggregates (key results' values, an objective's
 * content) by folding their streams. A fact that is absent or another tenant's is a 404 naming the field at fault.
 */
@Injectable()
export class Facts {
  constructor(
    private readonly directory: Directory,
    private readonly executor: StreamExecutor,
  ) {}

  /** The Directory caught up with every write acknowledged so far. */
  private async current(): Promise<Directory> {
    await this.directory.refresh();
    return this.directory;
  }

  async cycle(context: CommandContext, cycleId: string, field?: string): Promise<CycleEntry> {
    const directory = await this.current();
    const cycle = directory.inTenant(directory.cycles, cycleId, context.principal.tenantId);
    if (!cycle) throw new NotFoundError('cycle.not_found', `Cycle ${cycleId} not found`, field);
    return cycle;
  }

  async objective(context: CommandContext, objectiveId: string, field?: string): Promise<ObjectiveEntry> {
    const directory = await this.current();
    const objective = directory.inTenant(directory.objectives, objectiveId, context.principal.tenantId);
    if (!objective) throw new NotFoundError('objective.not_found', `Objective ${objectiveId} not found`, field);
    return objective;
  }

  /**
   * The facts a decision on an existing key result needs: its objective's title and status, its cycle's status and
   * dates. The hot path of check-ins: the Directory is caught up only if no catch-up began since the request arrived
   * (the authentication's usually did: see Directory.refreshSince), so it reads nothing.
   */
  async keyResultContext(context: CommandContext, keyResultId: string): Promise<KeyResultContext> {
    await this.directory.refreshSince(context.directoryMark);
    const kr = this.directory.inTenant(this.directory.keyResults, keyResultId, context.principal.tenantId);
    const found = kr && this.contextOf(kr.objectiveId);
    if (!found) throw new NotFoundError('key_result.not_found', `Key result ${keyResultId} not found`);
    return found;
  }

  /** The same facts for a key result to be added to an objective. */
  async keyResultContextIn(context: CommandContext, objectiveId: string): Promise<KeyResultContext> {
    await this.objective(context, objectiveId);
    return this.contextOf(objectiveId)!;
  }

  private contextOf(objectiveId: string): KeyResultContext | undefined {
    const objective = this.directory.objectives.get(objectiveId);
    const cycle = objective && this.directory.cycles.get(objective.cycleId);
    if (!objective || !cycle) return undefined;
    return {
      objective: { id: objective.id, title: objective.title, status: objective.status },
      cycle: { id: cycle.id, status: cycle.status, startsOn: cycle.startsOn, endsOn: cycle.endsOn },
    };
  }

  /** A prospective parent objective, with its alignment ancestors for the domain's loop check. */
  async parentObjective(context: CommandContext, parentId: string): Promise<ParentObjective> {
    const parent = await this.objective(context, parentId, 'parentObjectiveId');
    return { id: parent.id, status: parent.status, ancestorIds: this.directory.objectiveAncestors(parentId) };
  }

  /** A prospective parent team (null: none), with its ancestors for the domain's loop check. */
  async parentTeam(context: CommandContext, parentTeamId: string | null): Promise<ParentTeam | null> {
    if (parentTeamId === null) return null;
    await this.team(context, parentTeamId, 'parentTeamId');
    return { id: parentTeamId, ancestorIds: this.directory.teamAncestors(parentTeamId) };
  }

  /** Checks that a referenced user exists in the caller's tenant (nothing to check for none). */
  async user(context: CommandContext, id: string | null | undefined, field: string): Promise<void> {
    if (id === null || id === undefined) return;
    const directory = await this.current();
    if (!directory.inTenant(directory.users, id, context.principal.tenantId))
      throw new NotFoundError('user.not_found', `User ${id} not found`, field);
  }

  /** Checks that a referenced team exists in the caller's tenant (nothing to check for none). */
  async team(context: CommandContext, id: string | null | undefined, field: string): Promise<void> {
    if (id === null || id === undefined) return;
    const directory = await this.current();
    if (!directory.inTenant(directory.teams, id, context.principal.tenantId))
      throw new NotFoundError('team.not_found', `Team ${id} not found`, field);
  }

  /** Teams of the caller's tenant (404 naming `${field}.N` for one the tenant does not have). */
  async teams(context: CommandContext, ids: readonly string[], field: string): Promise<void> {
    const directory = await this.current();
    ids.forEach((id, index) => {
      if (!directory.inTenant(directory.teams, id, context.principal.tenantId))
        throw new NotFoundError('team.not_found', `Team ${id} not found`, `${field}.${index}`);
    });
  }

  /** How many admins of the caller's tenant other than this user hold a token (the domain keeps one who can sign in). */
  async otherAdmins(context: CommandContext, userId: string): Promise<OtherAdmins> {
    const directory = await this.current();
    const others = directory.usersOfTenant(context.principal.tenantId).filter((u) => u.id !== userId && u.role === 'admin' && u.tokenHash);
    return { otherAdmins: others.length };
  }

  /** Key results to link an initiative to (404 naming keyResultIds.N for one the tenant does not have). */
  async linkableKeyResults(context: CommandContext, ids: readonly string[]): Promise<LinkableKeyResult[]> {
    const directory = await this.current();
    return ids.map((id, index) => {
      const kr = directory.inTenant(directory.keyResults, id, context.principal.tenantId);
      if (!kr) throw new NotFoundError('key_result.not_found', `Key result ${id} not found`, `keyResultIds.${index}`);
      return { id, removed: kr.removed };
    });
  }

  /** The open objectives of a cycle, in creation order. */
  async openObjectivesOf(context: CommandContext, cycleId: string): Promise<string[]> {
    const directory = await this.current();
    // A retried request (Idempotency-Key) looks at the objectives closed since too: those it closed itself, the
    // executor answers as it did the first time.
    if (context.requestIds) return directory.objectiveIdsOfCycle(cycleId);
    return directory.objectiveIdsOfCycle(cycleId).filter((id) => directory.objectives.get(id)?.status === 'open');
  }

  /** An objective as its stream folds: all it says (to carry it over). */
  async objectiveState(context: CommandContext, objectiveId: string): Promise<ExistingObjective> {
    const { state } = await this.executor.load(
      streamName(StreamCategory.objective, objectiveId),
      objectiveDecider,
      context.principal.tenantId,
    );
    if (!state.exists) throw new NotFoundError('objective.not_found', `Objective ${objectiveId} not found`);
    return state;
  }

  /** The key results of an objective (removed ones too), as their streams fold, in the order they were added. */
  async keyResults(context: CommandContext, objectiveId: string): Promise<ExistingKeyResult[]> {
    const directory = await this.current();
    const out: ExistingKeyResult[] = [];
    for (const id of directory.objectives.get(objectiveId)?.keyResultIds ?? []) {
      const { state } = await this.executor.load(streamName(StreamCategory.keyResult, id), keyResultDecider, context.principal.tenantId);
      if (!state.exists) throw new NotFoundError('key_result.not_found', `Key result ${id} not found`);
      out.push(state);
    }
    return out;
  }

  /** The figures of an objective's key results that closing and scoring need. */
  async keyResultsForScoring(context: CommandContext, objectiveId: string): Promise<KeyResultForScoring[]> {
    return (await this.keyResults(context, objectiveId)).map((kr) => ({
      keyResultId: kr.id,
      weight: kr.weight,
      removed: kr.removed,
      grade: kr.grade,
      progress: currentProgress(kr).clamped,
    }));
  }
}
