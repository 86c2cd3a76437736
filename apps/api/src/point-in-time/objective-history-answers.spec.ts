import { InMemoryEventStore } from '@okr/event-store';
import { ObjectiveHistoryFollower, ProjectionRunner, okrProjection } from '@okr/projections';
import { okrEventAppender } from '@okr/projections/testing/okr-event-appender';
import { InMemoryReadModelStore } from '@okr/read-model';
import { mulberry32 } from '@okr/demo';
import { OkrQueries } from '../queries/okr-queries';
import { ReadModels } from '../read-side/read-models';
import { PointInTimeEngine, clockAt } from './point-in-time-engine';

jest.setTimeout(120_000);

const START = Date.parse('2026-01-01T08:00:00.000Z');
const DAY = 24 * 3600_000;
const TENANTS = ['tenant-a', 'tenant-b'];
const METRICS = [
  { type: 'increase', start: 0, target: 100, unit: 'users' },
  { type: 'decrease', start: 10, target: 3, unit: '%' },
  { type: 'atLeast', start: 20, target: 60, unit: 'NPS' },
  { type: 'atMost', start: 900, target: 300, unit: 'ms' },
  { type: 'milestone' },
];

interface Simulated {
  events: InMemoryEventStore;
  /** recordedAt (epoch ms) of the event at position i + 1. */
  times: number[];
  objectives: { id: string; tenantId: string }[];
}

/**
 * A quarter of two tenants, events of the real types appended as the deciders would: cycles, trees of objectives
 * (roots, departments, squads), key results of every metric type, initiatives linked and unlinked, check-ins (a
 * fifth backdated), moved targets, changed weights, removed and added key results, realignments, unalignments,
 * archives (of parents too), closes, edits, objectives created late. Events come in runs recorded at the same
 * millisecond, and now and then one is recorded a moment before the previous one (two commands in flight).
 */
async function simulateQuarter(seed: number): Promise<Simulated> {
  const random = mulberry32(seed);
  const events = new InMemoryEventStore();
  const times: number[] = [];
  const { append } = okrEventAppender(events, (n) => new Date(times[n - 1]).toISOString());
  let clock = START;
  const at = async (tenantId: string, stream: string, type: string, data: Record<string, unknown>) => {
    const r = random();
    if (times.length === 0 || r > 0.4) clock += 1 + Math.floor(random() * 4 * 3600_000);
    times.push(r < 0.03 && times.length > 0 ? clock - 1 : clock);
    await append(stream, type, data, tenantId);
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

  interface Objective {
    id: string;
    tenantId: string;
    level: number;
    parent: string | null;
    archived: boolean;
    keyResults: string[];
  }
  const objectives: Objective[] = [];
  const liveKeyResults = new Map<string, string[]>(TENANTS.map((t) => [t, []]));
  const initiatives = new Map<string, { id: string; keyResults: string[] }[]>(TENANTS.map((t) => [t, []]));
  let ids = 0;
  const next = (prefix: string) => `${prefix}${++ids}`;

  const addKeyResult = async (objective: Objective) => {
    const id = next('kr');
    await at(objective.tenantId, `keyresult-${id}`, 'KeyResultAdded', {
      keyResultId: id,
      objectiveId: objective.id,
      title: `KR ${id}`,
      metric: pick(METRICS),
      weight: 1 + Math.floor(random() * 3),
      ownerId: null,
      carriedOverFrom: null,
    });
    objective.keyResults.push(id);
    liveKeyResults.get(objective.tenantId)!.push(id);
  };
  const createObjective = async (tenantId: string, level: number, parent: Objective | undefined) => {
    const objective: Objective = { id: next('o'), tenantId, level, parent: null, archived: false, keyResults: [] };
    objectives.push(objective);
    await at(tenantId, `objective-${objective.id}`, 'ObjectiveCreated', {
      objectiveId: objective.id,
      cycleId: `cycle-of-${tenantId}`,
      title: `Objective ${objective.id}`,
      description: null,
      ownerId: null,
      teamId: null,
      kind: random() < 0.5 ? 'committed' : 'aspirational',
      carriedOverFrom: null,
    });
    if (parent) await align(objective, parent);
    for (let k = 1 + Math.floor(random() * 3); k > 0; k--) await addKeyResult(objective);
  };
  const align = async (objective: Objective, parent: Objective) => {
    await at(objective.tenantId, `objective-${objective.id}`, 'ObjectiveAligned', {
      objectiveId: objective.id,
      parentObjectiveId: parent.id,
      weight: 1 + Math.floor(random() * 3),
      previousParentObjectiveId: objective.parent,
      previousWeight: null,
    });
    objective.parent = parent.id;
  };

  for (const tenantId of TENANTS) {
    await at(tenantId, `cycle-cycle-of-${tenantId}`, 'CycleScheduled', {
      cycleId: `cycle-of-${tenantId}`,
      name: 'Q1',
      startsOn: '2026-01-01',
      endsOn: '2026-03-31',
    });
  }
  for (const tenantId of TENANTS) {
    for (let i = 0; i < 2; i++) await createObjective(tenantId, 0, undefined);
    for (let i = 0; i < 4; i++)
      await createObjective(tenantId, 1, pick(objectives.filter((o) => o.tenantId === tenantId && o.level === 0)));
    for (let i = 0; i < 6; i++)
      await createObjective(tenantId, 2, pick(objectives.filter((o) => o.tenantId === tenantId && o.level === 1)));
    for (let i = 0; i < 3; i++) {
      const id = next('i');
      const linked = [pick(liveKeyResults.get(tenantId)!), pick(liveKeyResults.get(tenantId)!)].filter((k, j, all) => all.indexOf(k) === j);
      await at(tenantId, `initiative-${id}`, 'InitiativeCreated', {
        initiativeId: id,
        title: `Initiative ${id}`,
        ownerId: null,
        keyResultIds: linked,
        status: 'planned',
      });
      initiatives.get(tenantId)!.push({ id, keyResults: linked });
    }
  }

  for (let step = 0; step < 700; step++) {
    const tenantId = pick(TENANTS);
    const krs = liveKeyResults.get(tenantId)!;
    const open = objectives.filter((o) => o.tenantId === tenantId && !o.archived);
    const r = random();
    if (r < 0.6 && krs.length > 0) {
      const kr = pick(krs);
      const backdated = random() < 0.2;
      const effectiveAt = new Date(backdated ? clock - Math.floor(random() * 10 * DAY) : clock + 1).toISOString();
      await at(tenantId, `keyresult-${kr}`, 'KeyResultCheckedIn', {
        keyResultId: kr,
        checkInId: next('c'),
        value: Math.round(random() * 1000) / 10,
        confidence: Math.round(random() * 10) / 10,
        note: null,
        effectiveAt,
      });
    } else if (r < 0.66 && krs.length > 0) {
      await at(tenantId, `keyresult-${pick(krs)}`, 'KeyResultTargetChanged', {
        keyResultId: pick(krs),
        target: 50 + Math.floor(random() * 100),
        previousTarget: 100,
        reason: 'moved',
      });
    } else if (r < 0.71 && krs.length > 0) {
      const kr = pick(krs);
      await at(tenantId, `keyresult-${kr}`, 'KeyResultWeightChanged', {
        keyResultId: kr,
        weight: 1 + Math.floor(random() * 4),
        previousWeight: 1,
      });
    } else if (r < 0.74 && krs.length > 3) {
      const kr = pick(krs);
      krs.splice(krs.indexOf(kr), 1);
      await at(tenantId, `keyresult-${kr}`, 'KeyResultRemoved', { keyResultId: kr, removedAt: new Date(clock).toISOString() });
    } else if (r < 0.77 && open.length > 0) {
      await addKeyResult(pick(open));
    } else if (r < 0.81) {
      // Realign a squad under another department, or a department under another root.
      const mover = pick(open.filter((o) => o.level > 0));
      const parents = mover
        ? objectives.filter((o) => o.tenantId === tenantId && o.level === mover.level - 1 && o.id !== mover.parent)
        : [];
      if (mover && parents.length > 0) await align(mover, pick(parents));
    } else if (r < 0.83) {
      const mover = pick(open.filter((o) => o.parent !== null));
      if (mover) {
        await at(tenantId, `objective-${mover.id}`, 'ObjectiveUnaligned', {
          objectiveId: mover.id,
          previousParentObjectiveId: mover.parent,
          previousWeight: 1,
        });
        mover.parent = null;
      }
    } else if (r < 0.85 && open.length > 6) {
      const archived = pick(open);
      archived.archived = true;
      await at(tenantId, `objective-${archived.id}`, 'ObjectiveArchived', {
        objectiveId: archived.id,
        archivedAt: new Date(clock).toISOString(),
        previousStatus: 'open',
      });
    } else if (r < 0.87 && open.length > 0) {
      const closed = pick(open);
      await at(tenantId, `objective-${closed.id}`, 'ObjectiveClosed', {
        objectiveId: closed.id,
        score: Math.round(random() * 10) / 10,
        scoreSource: 'explicit',
        keyResultScores: [],
        reason: 'manual',
        closedAt: new Date(clock).toISOString(),
      });
    } else if (r < 0.89 && open.length > 0) {
      const edited = pick(open);
      await at(tenantId, `objective-${edited.id}`, 'ObjectiveEdited', {
        objectiveId: edited.id,
        changes: { title: `Renamed ${step}` },
        previous: {},
      });
    } else if (r < 0.91 && krs.length > 0) {
      const kr = pick(krs);
      await at(tenantId, `keyresult-${kr}`, 'KeyResultRenamed', { keyResultId: kr, title: `KR renamed ${step}`, previousTitle: '' });
    } else if (r < 0.95 && krs.length > 0) {
      const initiative = pick(initiatives.get(tenantId)!);
      const kr = pick(krs);
      if (initiative.keyResults.includes(kr)) {
        initiative.keyResults = initiative.keyResults.filter((k) => k !== kr);
        await at(tenantId, `initiative-${initiative.id}`, 'InitiativeKeyResultUnlinked', { initiativeId: initiative.id, keyResultId: kr });
      } else {
        initiative.keyResults.push(kr);
        await at(tenantId, `initiative-${initiative.id}`, 'InitiativeKeyResultLinked', { initiativeId: initiative.id, keyResultId: kr });
      }
    } else if (r < 0.97) {
      const initiative = pick(initiatives.get(tenantId)!);
      await at(tenantId, `initiative-${initiative.id}`, 'InitiativeStatusChanged', {
        initiativeId: initiative.id,
        status: pick(['in_progress', 'done', 'dropped']),
        previousStatus: 'planned',
      });
    } else {
      const parents = open.filter((o) => o.level < 2);
      const parent = parents.length > 0 ? pick(parents) : undefined;
      await createObjective(tenantId, parent ? parent.level + 1 : 0, parent);
    }
  }
  return { events, times, objectives: objectives.map(({ id, tenantId }) => ({ id, tenantId })) };
}

/** The objective answer, or the error's code (a 404 before it existed, or another tenant's). */
async function answerOf(ask: () => Promise<unknown>): Promise<unknown> {
  try {
    return await ask();
  } catch (error) {
    return { error: (error as { code?: string }).code ?? String(error) };
  }
}

const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** Positions of "recorded up to T": the events before the first one recorded after T. */
function prefixEnd(times: number[], instant: number): number {
  const after = times.findIndex((t) => t > instant);
  return after === -1 ? times.length : after;
}

describe('objective answers from the objective history', () => {
  it('equal, for every objective at many instants, the full replay and what the live projection answered then', async () => {
    const { events, times, objectives } = await simulateQuarter(7);
    const fast = new PointInTimeEngine(events, {
      keepSnapshots: 4,
      snapshotEvery: 97,
      objectiveHistory: true,
      onInconsistentHistory: (reason) => inconsistent.push(reason),
    });
    const replayed = new PointInTimeEngine(events, { keepSnapshots: 4, snapshotEvery: 97 });
    const inconsistent: string[] = [];
    await fast.buildSnapshotsAhead();
    expect(fast.objectiveHistoryPosition).toBe(times.length);

    // Instants: at, just before and just after recorded times (inside runs of events recorded at the same
    // millisecond, and around the ones recorded out of order), and between them; in increasing order.
    const instants = new Set<number>([START - 1]);
    for (let i = 0; i < times.length; i += 12) for (const d of [-1, 0, 1, 1800_000]) instants.add(times[i] + d);
    for (let i = 1; i < times.length; i++) if (times[i] < times[i - 1]) for (const d of [-1, 0, 1]) instants.add(times[i] + d);
    const sorted = [...instants].filter((t) => t < times[times.length - 1]).sort((a, b) => a - b);

    const live = new InMemoryReadModelStore();
    const runner = new ProjectionRunner(events, live, okrProjection, { batchSize: 1 });
    let compared = 0;
    for (const instant of sorted) {
      await runner.catchUp({ until: prefixEnd(times, instant) });
      const liveQueries = new OkrQueries(new ReadModels(live), clockAt(instant));
      for (const { id, tenantId } of objectives) {
        const fromHistory = await answerOf(() => fast.objective(tenantId, id, instant));
        // As the API writes them (JSON: every double exactly; -0 as 0, and only that differs in memory: a replay
        // from a snapshot, JSON inside, holds 0 where one from the beginning holds -0): the replay engine's
        // answer, and what the live endpoint answered then.
        expect(asJson(fromHistory)).toEqual(asJson(await answerOf(() => replayed.objective(tenantId, id, instant))));
        expect(asJson(fromHistory)).toEqual(asJson(await answerOf(() => liveQueries.objective(tenantId, id))));
        compared++;
      }
      // Another tenant's objective is not found, from the history as live.
      expect(await answerOf(() => fast.objective('tenant-b', objectives[0].id, instant))).toEqual({ error: 'objective.not_found' });
    }
    expect(inconsistent).toEqual([]);
    expect(compared).toBeGreaterThan(5_000);
    // Every question at an instant inside the log came from the history (none replayed).
    expect(fast.objectiveAnswers).toEqual({ fromHistory: compared + sorted.length, replayed: 0 });
  });

  it('answers from a history extended by the first replay and by buildAhead as the log grows, and replays what it does not cover', async () => {
    const { events, times, objectives } = await simulateQuarter(11);
    const engine = new PointInTimeEngine(events, { keepSnapshots: 2, snapshotEvery: 50, objectiveHistory: true });
    const root = objectives[0];
    const last = times[times.length - 1];
    // No history yet: replayed, from the beginning, recording the history on its way.
    await engine.objective(root.tenantId, root.id, times[40]);
    expect(engine.objectiveAnswers).toEqual({ fromHistory: 0, replayed: 1 });
    expect(engine.objectiveHistoryPosition).toBe(prefixEnd(times, times[40]));
    await engine.objective(root.tenantId, root.id, times[20] + 3);
    expect(engine.objectiveAnswers).toEqual({ fromHistory: 1, replayed: 1 });
    // Beyond the history's end: replayed, from the beginning again (no snapshot yet), in batches up to the
    // history's end and recording from there.
    await engine.objective(root.tenantId, root.id, times[120] + 3);
    expect(engine.objectiveAnswers).toEqual({ fromHistory: 1, replayed: 2 });
    expect(engine.objectiveHistoryPosition).toBe(prefixEnd(times, times[120] + 3));
    await engine.buildSnapshotsAhead();
    expect(engine.objectiveHistoryPosition).toBe(times.length);
    await engine.objective(root.tenantId, root.id, times[130] + 3);
    expect(engine.objectiveAnswers).toEqual({ fromHistory: 2, replayed: 2 });
    // The end of the log: events recorded before the instant may still come, so the history does not answer.
    await engine.objective(root.tenantId, root.id, last);
    expect(engine.objectiveAnswers).toEqual({ fromHistory: 2, replayed: 3 });

    // New events: the history covers them once extended.
    const append = (stream: string, type: string, data: Record<string, unknown>, tenantId: string) =>
      events.appendToStream(stream, [
        {
          type,
          data,
          metadata: {
            eventId: `late-${stream}-${type}`,
            tenantId,
            actorId: 'user-1',
            correlationId: 'c',
            causationId: 'c',
            commandId: 'c',
            recordedAt: new Date(last + DAY).toISOString(),
            schemaVersion: 1,
          },
        },
      ]);
    const reference = new PointInTimeEngine(events, { keepSnapshots: 0 });
    for (let n = 0; n < 3; n++) {
      await append(
        `objective-late-${n}`,
        'ObjectiveCreated',
        {
          objectiveId: `late-${n}`,
          cycleId: `cycle-of-${root.tenantId}`,
          title: 'Late',
          description: null,
          ownerId: null,
          teamId: null,
          kind: 'committed',
          carriedOverFrom: null,
        },
        root.tenantId,
      );
      await append(
        `objective-late-${n}`,
        'ObjectiveAligned',
        { objectiveId: `late-${n}`, parentObjectiveId: root.id, weight: 5, previousParentObjectiveId: null, previousWeight: null },
        root.tenantId,
      );
    }
    await engine.buildSnapshotsAhead();
    expect(engine.objectiveHistoryPosition).toBe(times.length + 6);
    const before = engine.objectiveAnswers.fromHistory;
    const answer = await engine.objective(root.tenantId, root.id, last + DAY - 1);
    expect(engine.objectiveAnswers.fromHistory).toBe(before + 1);
    expect(answer).toEqual(await reference.objective(root.tenantId, root.id, last + DAY - 1));
    expect((answer as { childIds: string[] }).childIds).not.toContain('late-0');
  });

  it('from the follower the objective-history worker runs: caught up in steps, given way, and as the log grows', async () => {
    const { events, times, objectives } = await simulateQuarter(13);
    const follower = new ObjectiveHistoryFollower(events, 100);
    const replayed = new PointInTimeEngine(events, { keepSnapshots: 4, snapshotEvery: 97 });
    // Gives way when asked (between steps), then continues where it stopped.
    let asked = 0;
    const stoppedAt = await follower.catchUp(() => ++asked > 1);
    expect(stoppedAt).toBeGreaterThan(0);
    expect(stoppedAt).toBeLessThan(times.length);
    expect(await follower.catchUp()).toBe(times.length);
    const fromFollower = async (tenantId: string, id: string, instant: number) => {
      const found = await follower.objectiveAt(id, instant);
      if (found.kind !== 'answered') return { notAnswered: found.kind };
      return new OkrQueries(new ReadModels(found.store), clockAt(instant)).objective(tenantId, id);
    };
    let compared = 0;
    for (let i = 0; i < times.length - 1; i += 37) {
      const instant = times[i] + 1;
      if (instant >= times[times.length - 1]) continue;
      for (const { id, tenantId } of objectives) {
        expect(asJson(await answerOf(() => fromFollower(tenantId, id, instant)))).toEqual(
          asJson(await answerOf(() => replayed.objective(tenantId, id, instant))),
        );
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(500);
    // The worker's warm-up questions: ones the history answers, about the objective with the most children.
    const samples = follower.sampleQuestions();
    expect(samples).toHaveLength(3);
    for (const sample of samples) expect((await follower.objectiveAt(sample.objectiveId, sample.instant)).kind).toBe('answered');
    expect(new ObjectiveHistoryFollower(events).sampleQuestions()).toEqual([]); // nothing recorded yet
    // The end of the log is not covered (more may be recorded before it).
    expect(await follower.objectiveAt(objectives[0].id, times[times.length - 1])).toEqual({ kind: 'not-covered' });
    // New events: recorded from where the kept replay stopped.
    const last = times[times.length - 1];
    const root = objectives[0];
    await events.appendToStream('objective-later', [
      {
        type: 'ObjectiveCreated',
        data: {
          objectiveId: 'later',
          cycleId: `cycle-of-${root.tenantId}`,
          title: 'Later',
          description: null,
          ownerId: null,
          teamId: null,
          kind: 'committed',
          carriedOverFrom: null,
        },
        metadata: {
          eventId: 'later-1',
          tenantId: root.tenantId,
          actorId: 'user-1',
          correlationId: 'c',
          causationId: 'c',
          commandId: 'c',
          recordedAt: new Date(last + DAY).toISOString(),
          schemaVersion: 1,
        },
      },
    ]);
    expect(await follower.catchUp()).toBe(times.length + 1);
    expect(asJson(await fromFollower(root.tenantId, root.id, last + DAY - 1))).toEqual(
      asJson(await replayed.objective(root.tenantId, root.id, last + DAY - 1)),
    );
  });
});
