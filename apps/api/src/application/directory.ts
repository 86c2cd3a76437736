import { Inject, Injectable } from '@nestjs/common';
import { KeyResultContext, UserRole, upcastData } from '@okr/domain';
import { EventStore, LeanLogReader, leanLogReaderOf } from '@okr/event-store';
import { EVENT_STORE } from '../infrastructure/event-store.token';
import { upcast } from './event-schema';

export interface UserEntry {
  id: string;
  tenantId: string;
  name: string;
  role: UserRole;
  tokenHash: string;
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
export interface InitiativeEntry {
  id: string;
  tenantId: string;
  keyResultIds: string[];
}

const PAGE = 5000;

/** The event types the Directory keeps something of (every other type is skipped: `apply` ignores it). */
export const DIRECTORY_EVENT_TYPES = [
  'TenantCreated',
  'UserCreated',
  'UserTokenReplaced',
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
  'InitiativeCreated',
  'InitiativeKeyResultLinked',
  'InitiativeKeyResultUnlinked',
] as const;
type DirectoryEventType = (typeof DIRECTORY_EVENT_TYPES)[number];

/**
 * Relations between streams that a single stream cannot answer: the key results of an objective, the
 * objectives of a cycle, the ancestors of a team or objective (for loop checks), users by token.
 * Built by following the whole event log; `refresh()` catches up to the head, so a request that
 * refreshes sees every write acknowledged before it. Decisions still fold the streams themselves;
 * this only finds which streams to read.
 */
@Injectable()
export class Directory {
  readonly users = new Map<string, UserEntry>();
  readonly usersByTokenHash = new Map<string, string>();
  readonly tenants = new Map<string, { id: string; name: string }>();
  readonly teams = new Map<string, TeamEntry>();
  readonly cycles = new Map<string, CycleEntry>();
  readonly objectives = new Map<string, ObjectiveEntry>();
  readonly keyResults = new Map<string, KeyResultEntry>();
  readonly initiatives = new Map<string, InitiativeEntry>();
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
      const events = await this.store.readAll({ after: this.position, maxCount: PAGE });
      for (const event of events) {
        this.apply(event.type, upcast(event).data as Record<string, any>, event.metadata.tenantId);
        this.position = event.position;
      }
      if (events.length < PAGE) return;
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
      const events = await lean.readLean({ after: this.position, until: head, maxCount: PAGE, types: DIRECTORY_EVENT_TYPES });
      for (const event of events) {
        const data = upcastData({
          type: event.type,
          data: event.data,
          metadata: { schemaVersion: event.schemaVersion as number | undefined, recordedAt: event.recordedAt ?? undefined },
        });
        this.apply(event.type, data as Record<string, any>, event.tenantId as string);
        this.position = event.position;
      }
      // Fewer than asked: every event of these types up to the head has been read.
      if (events.length < PAGE) {
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
    const out: string[] = [];
    let current = this.teams.get(teamId)?.parentTeamId ?? null;
    while (current && !out.includes(current)) {
      out.push(current);
      current = this.teams.get(current)?.parentTeamId ?? null;
    }
    return out;
  }

  /** Alignment ancestors of an objective, parent first. */
  objectiveAncestors(objectiveId: string): string[] {
    const out: string[] = [];
    let current = this.objectives.get(objectiveId)?.parentObjectiveId ?? null;
    while (current && !out.includes(current)) {
      out.push(current);
      current = this.objectives.get(current)?.parentObjectiveId ?? null;
    }
    return out;
  }

  /**
   * The facts a key-result decision needs (its objective's title and status, its cycle's status and
   * dates), as of the last refresh; undefined when the key result is not the tenant's.
   */
  keyResultContext(keyResultId: string, tenantId: string): KeyResultContext | undefined {
    const kr = this.inTenant(this.keyResults, keyResultId, tenantId);
    const objective = kr && this.objectives.get(kr.objectiveId);
    const cycle = objective && this.cycles.get(objective.cycleId);
    if (!objective || !cycle) return undefined;
    return {
      objective: { id: objective.id, title: objective.title, status: objective.status },
      cycle: { id: cycle.id, status: cycle.status, startsOn: cycle.startsOn, endsOn: cycle.endsOn },
    };
  }

  /** The entry when it exists in that tenant, else undefined (another tenant's ids look absent). */
  inTenant<T extends { tenantId: string }>(map: Map<string, T>, id: string, tenantId: string): T | undefined {
    const entry = map.get(id);
    return entry && entry.tenantId === tenantId ? entry : undefined;
  }

  private apply(type: string, data: Record<string, any>, tenantId: string): void {
    switch (type as DirectoryEventType) {
      case 'TenantCreated':
        this.tenants.set(data.tenantId, { id: data.tenantId, name: data.name });
        break;
      case 'UserCreated': {
        this.users.set(data.userId, {
          id: data.userId,
          tenantId: data.tenantId,
          name: data.name,
          role: data.role,
          tokenHash: data.tokenHash,
        });
        this.usersByTokenHash.set(data.tokenHash, data.userId);
        break;
      }
      case 'UserTokenReplaced': {
        const user = this.users.get(data.userId);
        if (user) {
          this.usersByTokenHash.delete(user.tokenHash);
          user.tokenHash = data.tokenHash;
          this.usersByTokenHash.set(data.tokenHash, user.id);
        }
        break;
      }
      case 'TeamCreated':
        this.teams.set(data.teamId, { id: data.teamId, tenantId, parentTeamId: data.parentTeamId });
        break;
      case 'TeamMoved': {
        const team = this.teams.get(data.teamId);
        if (team) team.parentTeamId = data.parentTeamId;
        break;
      }
      case 'CycleScheduled':
        this.cycles.set(data.cycleId, {
          id: data.cycleId,
          tenantId,
          name: data.name,
          startsOn: data.startsOn,
          endsOn: data.endsOn,
          status: 'open',
        });
        break;
      case 'CycleClosed': {
        const cycle = this.cycles.get(data.cycleId);
        if (cycle) cycle.status = 'closed';
        break;
      }
      case 'ObjectiveCreated': {
        this.objectives.set(data.objectiveId, {
          id: data.objectiveId,
          tenantId,
          cycleId: data.cycleId,
          title: data.title,
          parentObjectiveId: null,
          status: 'open',
          keyResultIds: [],
        });
        const list = this.objectivesByCycle.get(data.cycleId) ?? [];
        list.push(data.objectiveId);
        this.objectivesByCycle.set(data.cycleId, list);
        break;
      }
      case 'ObjectiveEdited': {
        const objective = this.objectives.get(data.objectiveId);
        if (objective && data.changes.title !== undefined) objective.title = data.changes.title;
        break;
      }
      case 'ObjectiveAligned':
      case 'ObjectiveUnaligned':
      case 'ObjectiveClosed':
      case 'ObjectiveArchived': {
        const objective = this.objectives.get(data.objectiveId);
        if (!objective) break;
        if (type === 'ObjectiveAligned') objective.parentObjectiveId = data.parentObjectiveId;
        if (type === 'ObjectiveUnaligned') objective.parentObjectiveId = null;
        if (type === 'ObjectiveClosed') objective.status = 'closed';
        if (type === 'ObjectiveArchived') objective.status = 'archived';
        break;
      }
      case 'KeyResultAdded': {
        this.keyResults.set(data.keyResultId, { id: data.keyResultId, tenantId, objectiveId: data.objectiveId, removed: false });
        this.objectives.get(data.objectiveId)?.keyResultIds.push(data.keyResultId);
        break;
      }
      case 'KeyResultRemoved': {
        const kr = this.keyResults.get(data.keyResultId);
        if (kr) kr.removed = true;
        break;
      }
      case 'InitiativeCreated':
        this.initiatives.set(data.initiativeId, { id: data.initiativeId, tenantId, keyResultIds: [...data.keyResultIds] });
        break;
      case 'InitiativeKeyResultLinked':
        this.initiatives.get(data.initiativeId)?.keyResultIds.push(data.keyResultId);
        break;
      case 'InitiativeKeyResultUnlinked': {
        const initiative = this.initiatives.get(data.initiativeId);
        if (initiative) initiative.keyResultIds = initiative.keyResultIds.filter((id) => id !== data.keyResultId);
        break;
      }
    }
  }
}
