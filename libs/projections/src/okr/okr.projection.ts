import { OkrEvent, StreamCategory, assertNever, categoryOf, isOkrEvent, keyResultProgress, supersedes } from '@okr/domain';
import { ReadModelDocument } from '@okr/read-model';
import { DocumentChange, DocumentReader, ProjectedEvent, Projection, SettleRequest } from '../projection';
import {
  Collections,
  CycleDocument,
  InitiativeDocument,
  KeyResultDocument,
  OKR_COLLECTIONS,
  ObjectiveDocument,
  TeamDocument,
  UserDocument,
} from './okr-documents';
import { ProjectionSession } from './projection-session';
import { recompute, removeChild, setChild } from './rollup';

const MAX_DEPTH = 10_000;

/**
 * Marks an objective and every ancestor it counts towards as changed by this event, keeping each parent's
 * summary of the child in place (so children keep the order they joined in); the numbers themselves are
 * recomputed once per batch, bottom-up, by `settleObjectives`.
 */
async function propagate(session: ProjectionSession, objective: ObjectiveDocument): Promise<void> {
  session.put(Collections.objectives, objective);
  session.settle(Collections.objectives, objective.id);
  let child = objective;
  let seen: Set<string> | undefined;
  for (let depth = 0; depth < MAX_DEPTH && child.parentId && child.status !== 'archived'; depth++) {
    const parent = await session.get<ObjectiveDocument>(Collections.objectives, child.parentId);
    if (!parent || parent.id === objective.id) return;
    if (depth >= 16) {
      // Deep chains are rare: only then look for a loop beyond the first link back.
      seen ??= new Set([objective.id]);
      if (seen.has(parent.id)) return;
      seen.add(parent.id);
    }
    setChild(parent, { id: child.id, weight: child.alignmentWeight ?? 1, rollup: child.rollup });
    session.put(Collections.objectives, parent);
    session.settle(Collections.objectives, parent.id);
    child = parent;
  }
}

/**
 * The end of a batch: recomputes progress, confidence and rollup of every objective marked by `propagate`,
 * deepest first, and hands each result to its parent, exactly as recomputing after every event would have
 * (every ancestor of a marked objective is marked; summaries are in place; recompute is a pure function of them).
 */
async function settleObjectives(pending: readonly SettleRequest[]): Promise<DocumentChange[]> {
  const marked = new Map<string, ObjectiveDocument>();
  for (const { collection, id, doc } of pending) {
    if (collection === Collections.objectives && doc) marked.set(id, doc as unknown as ObjectiveDocument);
  }
  // Depth among the marked: a marked parent's depth + 1 (every parent an event reached is marked), so each
  // child comes before its parent. Ties keep the order they were marked in (the sort is stable).
  const depths = new Map<string, number>();
  const depthOf = (doc: ObjectiveDocument): number => {
    const depth = depths.get(doc.id);
    if (depth !== undefined) return depth;
    const chain: ObjectiveDocument[] = [];
    let current: ObjectiveDocument | undefined = doc;
    let base = -1;
    while (current) {
      const known = depths.get(current.id);
      if (known !== undefined) {
        base = known;
        break;
      }
      if (chain.includes(current)) break; // a loop: cut it here
      chain.push(current);
      current = current.parentId ? marked.get(current.parentId) : undefined;
    }
    for (let i = chain.length - 1; i >= 0; i--) depths.set(chain[i].id, ++base);
    return depths.get(doc.id)!;
  };
  const order = [...marked.values()].map((doc) => ({ doc, depth: depthOf(doc) }));
  order.sort((a, b) => b.depth - a.depth);
  const changes: DocumentChange[] = [];
  for (const { doc } of order) {
    recompute(doc);
    changes.push({ kind: 'put', collection: Collections.objectives, doc: doc as unknown as ObjectiveDocument & Record<string, unknown> });
    // A parent the batch's events did not reach keeps its summary, as it would event by event.
    if (!doc.parentId || doc.status === 'archived' || doc.parentId === doc.id) continue;
    const parent = marked.get(doc.parentId);
    if (parent) setChild(parent, { id: doc.id, weight: doc.alignmentWeight ?? 1, rollup: doc.rollup });
  }
  return changes;
}

/** Removes an objective from its parent's children and carries the parent's new rollup upwards. */
async function detach(session: ProjectionSession, objective: ObjectiveDocument): Promise<void> {
  if (!objective.parentId) return;
  const parent = await session.get<ObjectiveDocument>(Collections.objectives, objective.parentId);
  if (!parent) return;
  removeChild(parent, objective.id);
  await propagate(session, parent);
}

/** Re-derives a key result's progress and its summary in the objective, then the rollups above. */
async function refreshKeyResult(session: ProjectionSession, kr: KeyResultDocument): Promise<void> {
  const progress = keyResultProgress(kr.metric, kr.current);
  kr.progress = progress.clamped;
  kr.progressRaw = progress.raw;
  session.put(Collections.keyResults, kr);
  const objective = await session.get<ObjectiveDocument>(Collections.objectives, kr.objectiveId);
  if (!objective) return;
  const index = objective.keyResults.findIndex((k) => k.id === kr.id);
  if (kr.removed) {
    if (index >= 0) objective.keyResults = objective.keyResults.filter((k) => k.id !== kr.id);
  } else if (index >= 0) {
    // In place: the objective is this event's own copy (see ProjectionSession).
    const summary = objective.keyResults[index];
    summary.weight = kr.weight;
    summary.progress = kr.progress;
    summary.confidence = kr.confidence;
    summary.lastCheckInAt = kr.currentEffectiveAt;
  } else {
    objective.keyResults = [
      ...objective.keyResults,
      { id: kr.id, weight: kr.weight, progress: kr.progress, confidence: kr.confidence, lastCheckInAt: kr.currentEffectiveAt },
    ];
  }
  await propagate(session, objective);
}

async function linkInitiative(session: ProjectionSession, keyResultId: string, initiativeId: string, linked: boolean): Promise<void> {
  const kr = await session.get<KeyResultDocument>(Collections.keyResults, keyResultId);
  if (!kr) return;
  const others = kr.initiativeIds.filter((id) => id !== initiativeId);
  kr.initiativeIds = linked ? [...others, initiativeId] : others;
  session.put(Collections.keyResults, kr);
}

const VERSIONED_STREAMS: Record<string, string> = {
  [StreamCategory.objective]: Collections.objectives,
  [StreamCategory.keyResult]: Collections.keyResults,
  [StreamCategory.initiative]: Collections.initiatives,
};

/** Records on the document of the event's own stream how many events that stream has now. */
async function stampStreamVersion(event: ProjectedEvent, session: ProjectionSession): Promise<void> {
  const category = categoryOf(event.streamId);
  const collection = VERSIONED_STREAMS[category];
  if (!collection) return;
  const doc = await session.get<ReadModelDocument & { streamVersion?: number }>(collection, event.streamId.slice(category.length + 1));
  if (!doc) return;
  doc.streamVersion = event.revision + 1;
  session.put(collection, doc);
}

/** An event of the log as the okr projection reads it: typed by its `type`. */
type OkrProjectedEvent = ProjectedEvent & OkrEvent;

/** What one event does to the read models (one case per event type: a type left out fails the type-check). */
async function apply(e: OkrProjectedEvent, s: ProjectionSession): Promise<void> {
  switch (e.type) {
    case 'TenantCreated':
    case 'TenantCheckInCadenceChanged': // read from the tenant's stream (always current)
    case 'UserTokenReplaced':
    case 'UserTokenRevoked':
    case 'UserTeamsChanged':
    case 'UserSessionStarted':
    case 'UserSessionEnded':
      return; // nothing the read models show (teams and sessions of users: the API's Directory)

    case 'UserCreated':
      s.put<UserDocument>(Collections.users, {
        id: e.data.userId,
        version: e.position,
        tenantId: e.data.tenantId,
        name: e.data.name,
        role: e.data.role,
      });
      return;
    case 'UserRenamed': {
      const user = await s.get<UserDocument>(Collections.users, e.data.userId);
      if (user) s.put(Collections.users, { ...user, name: e.data.name });
      return;
    }
    case 'UserRoleChanged': {
      const user = await s.get<UserDocument>(Collections.users, e.data.userId);
      if (user) s.put(Collections.users, { ...user, role: e.data.role });
      return;
    }

    case 'TeamCreated':
      s.put<TeamDocument>(Collections.teams, {
        id: e.data.teamId,
        version: e.position,
        tenantId: e.metadata.tenantId,
        name: e.data.name,
        parentTeamId: e.data.parentTeamId,
      });
      return;
    case 'TeamRenamed': {
      const team = await s.get<TeamDocument>(Collections.teams, e.data.teamId);
      if (team) s.put(Collections.teams, { ...team, name: e.data.name });
      return;
    }
    case 'TeamMoved': {
      const team = await s.get<TeamDocument>(Collections.teams, e.data.teamId);
      if (team) s.put(Collections.teams, { ...team, parentTeamId: e.data.parentTeamId });
      return;
    }

    case 'CycleScheduled':
      s.put<CycleDocument>(Collections.cycles, {
        id: e.data.cycleId,
        version: e.position,
        tenantId: e.metadata.tenantId,
        name: e.data.name,
        startsOn: e.data.startsOn,
        endsOn: e.data.endsOn,
        status: 'open',
        closedAt: null,
      });
      return;
    case 'CycleClosed': {
      const cycle = await s.get<CycleDocument>(Collections.cycles, e.data.cycleId);
      if (cycle) s.put(Collections.cycles, { ...cycle, status: 'closed', closedAt: e.data.closedAt });
      return;
    }

    case 'ObjectiveCreated': {
      const d = e.data;
      s.put<ObjectiveDocument>(Collections.objectives, {
        id: d.objectiveId,
        version: e.position,
        streamVersion: 1,
        tenantId: e.metadata.tenantId,
        cycleId: d.cycleId,
        title: d.title,
        description: d.description,
        ownerId: d.ownerId,
        teamId: d.teamId,
        kind: d.kind,
        status: 'open',
        score: null,
        closedAt: null,
        createdAt: e.metadata.recordedAt,
        createdPosition: e.position,
        parentId: null,
        alignmentWeight: null,
        carriedOverFrom: d.carriedOverFrom,
        carriedOverTo: [],
        keyResults: [],
        children: {},
        progress: 0,
        rollup: 0,
        confidence: null,
        lastCheckInAt: null,
      });
      return;
    }
    case 'ObjectiveEdited': {
      const objective = await s.get<ObjectiveDocument>(Collections.objectives, e.data.objectiveId);
      if (objective) s.put(Collections.objectives, Object.assign(objective, e.data.changes));
      return;
    }
    case 'ObjectiveAligned': {
      const objective = await s.get<ObjectiveDocument>(Collections.objectives, e.data.objectiveId);
      if (!objective) return;
      if (objective.status !== 'archived') await detach(s, objective);
      objective.parentId = e.data.parentObjectiveId;
      objective.alignmentWeight = e.data.weight;
      await propagate(s, objective);
      return;
    }
    case 'ObjectiveUnaligned': {
      const objective = await s.get<ObjectiveDocument>(Collections.objectives, e.data.objectiveId);
      if (!objective) return;
      if (objective.status !== 'archived') await detach(s, objective);
      objective.parentId = null;
      objective.alignmentWeight = null;
      s.put(Collections.objectives, objective);
      return;
    }
    case 'ObjectiveClosed': {
      const objective = await s.get<ObjectiveDocument>(Collections.objectives, e.data.objectiveId);
      if (objective) s.put(Collections.objectives, { ...objective, status: 'closed', score: e.data.score, closedAt: e.data.closedAt });
      return;
    }
    case 'ObjectiveArchived': {
      const objective = await s.get<ObjectiveDocument>(Collections.objectives, e.data.objectiveId);
      if (!objective) return;
      await detach(s, objective);
      objective.status = 'archived';
      s.put(Collections.objectives, objective);
      return;
    }
    case 'ObjectiveCarriedOver': {
      const objective = await s.get<ObjectiveDocument>(Collections.objectives, e.data.objectiveId);
      if (objective)
        s.put(Collections.objectives, {
          ...objective,
          carriedOverTo: [...objective.carriedOverTo, { objectiveId: e.data.toObjectiveId, cycleId: e.data.toCycleId }],
        });
      return;
    }

    case 'KeyResultAdded': {
      const d = e.data;
      const objective = await s.get<ObjectiveDocument>(Collections.objectives, d.objectiveId);
      await refreshKeyResult(s, {
        id: d.keyResultId,
        version: e.position,
        streamVersion: 1,
        tenantId: e.metadata.tenantId,
        objectiveId: d.objectiveId,
        cycleId: objective?.cycleId ?? '',
        title: d.title,
        metric: d.metric,
        originalTarget: d.metric.target,
        targetChanges: 0,
        weight: d.weight,
        ownerId: d.ownerId,
        current: d.metric.start,
        confidence: null,
        progress: 0,
        progressRaw: 0,
        grade: null,
        removed: false,
        checkInCount: 0,
        currentEffectiveAt: null,
        currentSequence: null,
        carriedOverFrom: d.carriedOverFrom,
        initiativeIds: [],
        checkInCadence: d.checkInCadence,
        createdAt: e.metadata.recordedAt,
      });
      return;
    }
    case 'KeyResultRenamed': {
      const kr = await s.get<KeyResultDocument>(Collections.keyResults, e.data.keyResultId);
      if (kr) s.put(Collections.keyResults, { ...kr, title: e.data.title });
      return;
    }
    case 'KeyResultTargetChanged': {
      const kr = await s.get<KeyResultDocument>(Collections.keyResults, e.data.keyResultId);
      if (kr) await refreshKeyResult(s, { ...kr, metric: { ...kr.metric, target: e.data.target }, targetChanges: kr.targetChanges + 1 });
      return;
    }
    case 'KeyResultWeightChanged': {
      const kr = await s.get<KeyResultDocument>(Collections.keyResults, e.data.keyResultId);
      if (kr) await refreshKeyResult(s, { ...kr, weight: e.data.weight });
      return;
    }
    case 'KeyResultCheckedIn': {
      const d = e.data;
      const kr = await s.get<KeyResultDocument>(Collections.keyResults, d.keyResultId);
      if (!kr) return;
      const checkIn = { effectiveAt: d.effectiveAt, sequence: kr.checkInCount };
      const current = kr.currentEffectiveAt === null ? null : { effectiveAt: kr.currentEffectiveAt, sequence: kr.currentSequence ?? 0 };
      // In place: the key result is this event's own copy (see ProjectionSession).
      kr.checkInCount = checkIn.sequence + 1;
      if (supersedes(checkIn, current)) {
        kr.current = d.value;
        kr.confidence = d.confidence;
        kr.currentEffectiveAt = d.effectiveAt;
        kr.currentSequence = checkIn.sequence;
      }
      await refreshKeyResult(s, kr);
      return;
    }
    case 'KeyResultCheckInCadenceChanged': {
      const kr = await s.get<KeyResultDocument>(Collections.keyResults, e.data.keyResultId);
      if (kr) s.put(Collections.keyResults, { ...kr, checkInCadence: e.data.checkInCadence });
      return;
    }
    case 'KeyResultGraded': {
      const kr = await s.get<KeyResultDocument>(Collections.keyResults, e.data.keyResultId);
      if (kr) s.put(Collections.keyResults, { ...kr, grade: e.data.score });
      return;
    }
    case 'KeyResultRemoved': {
      const kr = await s.get<KeyResultDocument>(Collections.keyResults, e.data.keyResultId);
      if (kr) await refreshKeyResult(s, { ...kr, removed: true });
      return;
    }

    case 'InitiativeCreated': {
      const d = e.data;
      s.put<InitiativeDocument>(Collections.initiatives, {
        id: d.initiativeId,
        version: e.position,
        streamVersion: 1,
        tenantId: e.metadata.tenantId,
        title: d.title,
        ownerId: d.ownerId,
        status: d.status,
        keyResultIds: [...d.keyResultIds],
        createdAt: e.metadata.recordedAt,
      });
      for (const id of d.keyResultIds) await linkInitiative(s, id, d.initiativeId, true);
      return;
    }
    case 'InitiativeEdited': {
      const initiative = await s.get<InitiativeDocument>(Collections.initiatives, e.data.initiativeId);
      if (initiative) s.put(Collections.initiatives, { ...initiative, ...e.data.changes });
      return;
    }
    case 'InitiativeKeyResultLinked': {
      const initiative = await s.get<InitiativeDocument>(Collections.initiatives, e.data.initiativeId);
      if (initiative) s.put(Collections.initiatives, { ...initiative, keyResultIds: [...initiative.keyResultIds, e.data.keyResultId] });
      await linkInitiative(s, e.data.keyResultId, e.data.initiativeId, true);
      return;
    }
    case 'InitiativeKeyResultUnlinked': {
      const initiative = await s.get<InitiativeDocument>(Collections.initiatives, e.data.initiativeId);
      if (initiative)
        s.put(Collections.initiatives, { ...initiative, keyResultIds: initiative.keyResultIds.filter((id) => id !== e.data.keyResultId) });
      await linkInitiative(s, e.data.keyResultId, e.data.initiativeId, false);
      return;
    }
    case 'InitiativeStatusChanged': {
      const initiative = await s.get<InitiativeDocument>(Collections.initiatives, e.data.initiativeId);
      if (initiative) s.put(Collections.initiatives, { ...initiative, status: e.data.status });
      return;
    }

    default:
      assertNever(e, 'event');
  }
}

/**
 * The OKR read models: cycles, teams, users, objectives (with key-result summaries, aligned children and
 * rolled-up progress), key results and initiatives. Check-ins are counted on their key result (the series
 * itself is read from the key result's stream).
 */
export const okrProjection: Projection = {
  name: 'okr',
  // 2: check-ins keyed by position. 3: key results count their target changes. 4: no check_ins collection.
  // 5: key results keep their check-in cadence and when they were added (decision 20).
  // 6: objectives know when their live key results were last checked in (lastCheckInAt).
  version: 6,
  retiredCollections: ['check_ins'],
  collections: OKR_COLLECTIONS,
  async project(event: ProjectedEvent, read: DocumentReader): Promise<DocumentChange[]> {
    // Events of types the domain does not know change nothing (the log holds none; a test's store might).
    if (!isOkrEvent(event)) return [];
    const session = new ProjectionSession(read, event.position);
    await apply(event, session);
    await stampStreamVersion(event, session);
    return session.changes();
  },
  settle: settleObjectives,
};
