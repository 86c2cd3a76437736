import { Inject, Injectable } from '@nestjs/common';
import { BUDGET } from '@okr/budget';
import { OkrEventOf, OkrEventType, UserRole, assertNever, eventsOf, upcastData } from '@okr/domain';
import { EventStore, LeanLogReader, leanLogReaderOf } from '@okr/event-store';
import { EVENT_STORE } from '@okr/platform';

export interface UserEntry {
  id: string;
  tenantId: string;
  name: string;
  role: UserRole;
  /** The teams the user belongs to. */
  teamIds: string[];
  /** null: revoked. */
  tokenHash: string | null;
}
/** A browser session started and not ended (it may have expired: compare expiresAt with now). */
export interface SessionEntry {
  userId: string;
  expiresAt: string;
}
export interface TeamEntry {
  id: string;
  tenantId: string;
  parentTeamId: string | null;
}
export interface CycleEntry {
  id: string;
  tenantId: string;
  name: string;
  startsOn: string;
  endsOn: string;
  status: 'open' | 'closed';
}
export interface ObjectiveEntry {
  id: string;
  tenantId: string;
  cycleId: string;
  title: string;
  parentObjectiveId: string | null;
  status: 'open' | 'closed' | 'archived';
  keyResultIds: string[];
}
export interface KeyResultEntry {
  id: string;
  tenantId: string;
  objectiveId: string;
  removed: boolean;
}

/** The event types the Directory keeps something of (every other type is skipped: `apply` ignores it). */
export const DIRECTORY_EVENT_TYPES = [
  'UserCreated',
  'UserTokenReplaced',
  'UserTokenRevoked',
  'UserRenamed',
  'UserRoleChanged',
  'UserTeamsChanged',
  'UserSessionStarted',
  'UserSessionEnded',
  'TeamCreated',
  'TeamMoved',
  'CycleScheduled',
  'CycleClosed',
  'ObjectiveCreated',
  'ObjectiveEdited',
  'ObjectiveAligned',
  'ObjectiveUnaligned',
  'ObjectiveClosed',
  'ObjectiveArchived',
  'KeyResultAdded',
  'KeyResultRemoved',
] as const satisfies readonly OkrEventType[];
type DirectoryEvent = OkrEventOf<(typeof DIRECTORY_EVENT_TYPES)[number]>;
const isDirectoryEvent = eventsOf(DIRECTORY_EVENT_TYPES);

/**
 * Relations between streams that a single stream cannot answer: the key results of an objective, the
 * objectives of a cycle, the ancestors of a team or objective (for loop checks), users (with their teams) by token,
 * browser sessions by hash.
 * Built by following the whole event log; `refresh()` catches up to the head, so a request that
 * refreshes sees every write acknowledged before it. Decisions still fold the streams themselves;
 * this only finds which streams to read.
 */
@Injectable()
export class Directory {
  readonly users = new Map<string, UserEntry>();
  readonly usersByTokenHash = new Map<string, string>();
  /** Browser sessions by the hash of their secret; those expired are dropped when their user signs in again. */
  readonly sessions = new Map<string, SessionEntry>();
  private readonly sessionsOfUser = new Map<string, Set<string>>();
  readonly teams = new Map<string, TeamEntry>();
  readonly cycles = new Map<string, CycleEntry>();
  readonly objectives = new Map<string, ObjectiveEntry>();
  readonly keyResults = new Map<string, KeyResultEntry>();
  private readonly objectivesByCycle = new Map<string, string[]>();
  private position = 0;
  private chain: Promise<void> = Promise.resolve();
  /** The catch-up queued behind the running one, not started yet (joined by later calls). */
  private waiting?: Promise<void>;
  /** Catch-ups started so far (each gets the next number as it starts; they run one at a time). */
  private started = 0;
  /** The number of the last catch-up that completed. */
  private completed = 0;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * Catches up with every event stored before this call. Calls made while a catch-up is waiting to start
   * share it (it starts after each of them, so it sees their writes): under concurrent requests one read
   * of the log serves them all instead of one read each.
   */
  refresh(): Promise<void> {
    if (this.waiting) return this.waiting;
    const run = this.chain.then(async () => {
      this.waiting = undefined;
      const sequence = ++this.started;
      await this.catchUp();
      this.completed = sequence;
    });
    this.waiting = run;
    this.chain = run.catch(() => undefined);
    return run;
  }

  /**
   * A mark of this moment, for `refreshSince`: take it when a request arrives (the auth guard does, as
   * `request.directoryMark`, before its own refresh).
   */
  mark(): number {
    return this.started;
  }

  /**
   * Like `refresh()`, but settled at once when a catch-up that started after `mark` has completed already: it
   * read the log after the mark, so it saw every write acknowledged before it. A command of a request whose
   * authentication just refreshed need not read the log again.
   */
  refreshSince(mark: number | undefined): Promise<void> {
    if (mark !== undefined && this.completed > mark) return Promise.resolve();
    return this.refresh();
  }

  get checkpoint(): number {
    return this.position;
  }

  private async catchUp(): Promise<void> {
    const lean = leanLogReaderOf(this.store);
    if (lean) return this.catchUpLean(lean);
    for (;;) {
      const events = await this.store.readAll({ after: this.position, maxCount: BUDGET.logReads.directoryPageEvents });
      for (const event of events) {
        const typed = { type: event.type, data: upcastData(event) };
        if (isDirectoryEvent(typed)) this.apply(typed, event.metadata.tenantId);
        this.position = event.position;
      }
      if (events.length < BUDGET.logReads.directoryPageEvents) return;
    }
  }

  /**
   * The same catch-up through the store's lean read (the embedded store): only the event types the Directory
   * keeps are read, filtered in SQL, without decoding any metadata — under a stream of check-ins a refresh then
   * decodes nothing, and the first one over a large log reads a tenth of it.
   */
  private async catchUpLean(lean: LeanLogReader): Promise<void> {
    const head = await this.store.headPosition();
    for (;;) {
      const events = await lean.readLean({
        after: this.position,
        until: head,
        maxCount: BUDGET.logReads.directoryPageEvents,
        types: DIRECTORY_EVENT_TYPES,
      });
      for (const event of events) {
        const data = upcastData({
          type: event.type,
          data: event.data,
          metadata: { schemaVersion: event.schemaVersion as number | undefined, recordedAt: event.recordedAt ?? undefined },
        });
        const typed = { type: event.type, data };
        if (isDirectoryEvent(typed)) this.apply(typed, event.tenantId ?? '');
        this.position = event.position;
      }
      // Fewer than asked: every event of these types up to the head has been read.
      if (events.length < BUDGET.logReads.directoryPageEvents) {
        if (head > this.position) this.position = head;
        return;
      }
    }
  }

  /** Ids of the objectives of a cycle, in creation order. */
  objectiveIdsOfCycle(cycleId: string): string[] {
    return this.objectivesByCycle.get(cycleId) ?? [];
  }

  /** Ancestors of a team, parent first (stops on a loop, which the domain never lets happen). */
  teamAncestors(teamId: string): string[] {
    return ancestors(teamId, (id) => this.teams.get(id)?.parentTeamId ?? null);
  }

  /** Alignment ancestors of an objective, parent first. */
  objectiveAncestors(objectiveId: string): string[] {
    return ancestors(objectiveId, (id) => this.objectives.get(id)?.parentObjectiveId ?? null);
  }

  /** The user whose token has this hash, if any. */
  userOfToken(tokenHash: string): UserEntry | undefined {
    const userId = this.usersByTokenHash.get(tokenHash);
    return userId === undefined ? undefined : this.users.get(userId);
  }

  /** The user of the session with this hash when it is running at `now` (started, not ended, not expired), else undefined. */
  userOfSession(sessionHash: string, now: Date): UserEntry | undefined {
    const session = this.sessions.get(sessionHash);
    if (!session || Date.parse(session.expiresAt) <= now.getTime()) return undefined;
    return this.users.get(session.userId);
  }

  /** The tenant's users, by name. */
  usersOfTenant(tenantId: string): UserEntry[] {
    return [...this.users.values()]
      .filter((user) => user.tenantId === tenantId)
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  /** The entry when it exists in that tenant, else undefined (another tenant's ids look absent). */
  inTenant<T extends { tenantId: string }>(map: Map<string, T>, id: string, tenantId: string): T | undefined {
    const entry = map.get(id);
    return entry && entry.tenantId === tenantId ? entry : undefined;
  }

  /** What the Directory keeps of an event: one case per type it reads (a type left out fails the type-check). */
  private apply(event: DirectoryEvent, tenantId: string): void {
    switch (event.type) {
      case 'UserCreated': {
        const { userId, name, role, tokenHash } = event.data;
        this.users.set(userId, { id: userId, tenantId: event.data.tenantId, name, role, teamIds: [], tokenHash });
        this.usersByTokenHash.set(tokenHash, userId);
        return;
      }
      case 'UserTokenReplaced':
        return this.setToken(event.data.userId, event.data.tokenHash);
      case 'UserTokenRevoked':
        return this.setToken(event.data.userId, null);
      case 'UserRenamed':
        return this.updateUser(event.data.userId, { name: event.data.name });
      case 'UserRoleChanged':
        return this.updateUser(event.data.userId, { role: event.data.role });
      case 'UserTeamsChanged':
        return this.updateUser(event.data.userId, { teamIds: [...event.data.teamIds] });
      case 'UserSessionStarted': {
        const { userId, sessionHash, startedAt, expiresAt } = event.data;
        const hashes = this.sessionsOfUser.get(userId) ?? new Set<string>();
        for (const hash of hashes) {
          if (this.sessions.get(hash)!.expiresAt <= startedAt) this.endSession(hash);
        }
        this.sessions.set(sessionHash, { userId, expiresAt });
        this.sessionsOfUser.set(userId, hashes.add(sessionHash));
        return;
      }
      case 'UserSessionEnded':
        return this.endSession(event.data.sessionHash);
      case 'TeamCreated':
        this.teams.set(event.data.teamId, { id: event.data.teamId, tenantId, parentTeamId: event.data.parentTeamId });
        return;
      case 'TeamMoved': {
        const team = this.teams.get(event.data.teamId);
        if (team) team.parentTeamId = event.data.parentTeamId;
        return;
      }
      case 'CycleScheduled': {
        const { cycleId, name, startsOn, endsOn } = event.data;
        this.cycles.set(cycleId, { id: cycleId, tenantId, name, startsOn, endsOn, status: 'open' });
        return;
      }
      case 'CycleClosed': {
        const cycle = this.cycles.get(event.data.cycleId);
        if (cycle) cycle.status = 'closed';
        return;
      }
      case 'ObjectiveCreated': {
        const { objectiveId, cycleId, title } = event.data;
        this.objectives.set(objectiveId, {
          id: objectiveId,
          tenantId,
          cycleId,
          title,
          parentObjectiveId: null,
          status: 'open',
          keyResultIds: [],
        });
        const list = this.objectivesByCycle.get(cycleId) ?? [];
        list.push(objectiveId);
        this.objectivesByCycle.set(cycleId, list);
        return;
      }
      case 'ObjectiveEdited': {
        const objective = this.objectives.get(event.data.objectiveId);
        if (objective && event.data.changes.title !== undefined) objective.title = event.data.changes.title;
        return;
      }
      case 'ObjectiveAligned':
        this.updateObjective(event.data.objectiveId, { parentObjectiveId: event.data.parentObjectiveId });
        return;
      case 'ObjectiveUnaligned':
        this.updateObjective(event.data.objectiveId, { parentObjectiveId: null });
        return;
      case 'ObjectiveClosed':
        this.updateObjective(event.data.objectiveId, { status: 'closed' });
        return;
      case 'ObjectiveArchived':
        this.updateObjective(event.data.objectiveId, { status: 'archived' });
        return;
      case 'KeyResultAdded': {
        const { keyResultId, objectiveId } = event.data;
        this.keyResults.set(keyResultId, { id: keyResultId, tenantId, objectiveId, removed: false });
        this.objectives.get(objectiveId)?.keyResultIds.push(keyResultId);
        return;
      }
      case 'KeyResultRemoved': {
        const kr = this.keyResults.get(event.data.keyResultId);
        if (kr) kr.removed = true;
        return;
      }
      default:
        assertNever(event, 'event');
    }
  }

  private setToken(userId: string, tokenHash: string | null): void {
    const user = this.users.get(userId);
    if (!user) return;
    if (user.tokenHash !== null) this.usersByTokenHash.delete(user.tokenHash);
    user.tokenHash = tokenHash;
    if (tokenHash !== null) this.usersByTokenHash.set(tokenHash, userId);
  }

  private updateUser(userId: string, changes: Partial<Pick<UserEntry, 'name' | 'role' | 'teamIds'>>): void {
    const user = this.users.get(userId);
    if (user) Object.assign(user, changes);
  }

  private endSession(sessionHash: string): void {
    const session = this.sessions.get(sessionHash);
    if (!session) return;
    this.sessions.delete(sessionHash);
    this.sessionsOfUser.get(session.userId)?.delete(sessionHash);
  }

  private updateObjective(objectiveId: string, changes: Partial<Pick<ObjectiveEntry, 'parentObjectiveId' | 'status'>>): void {
    const objective = this.objectives.get(objectiveId);
    if (objective) Object.assign(objective, changes);
  }
}

/** The chain of parents above `id`, parent first, up to the top or to a loop. */
function ancestors(id: string, parentOf: (id: string) => string | null): string[] {
  const out: string[] = [];
  for (let current = parentOf(id); current && !out.includes(current); current = parentOf(current)) out.push(current);
  return out;
}
