import { InMemoryEventStore } from '@okr/event-store';
import { MemorySnapshotStore, PointInTimeSnapshots, ProjectionRunner, okrProjection } from '@okr/projections';
import { okrEventAppender } from '@okr/projections/testing/okr-event-appender';
import { InMemoryReadModelStore } from '@okr/read-model';
import { mulberry32 } from '@okr/demo';
import { OkrQueries } from '../views/okr-queries';
import { ReadModels } from '@okr/platform';
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

/** The live runner, one event per batch as it follows the log, and its objective answer at `instant` as the API gave it then. */
function liveAnswers(events: InMemoryEventStore, times: number[]) {
  const live = new InMemoryReadModelStore();
  const runner = new ProjectionRunner(events, live, okrProjection, { batchSize: 1 });
  return async (tenantId: string, id: string, instant: number) => {
    await runner.catchUp({ until: prefixEnd(times, instant) });
    return answerOf(() => new OkrQueries(new ReadModels(live), clockAt(instant)).objective(tenantId, id));
  };
}

describe('one objective asOf: its own streams replayed over the nearest snapshot', () => {
  afterEach(() => jest.restoreAllMocks());

  it('equals, for every objective at many instants, what the live projection answered then', async () => {
    const { events, times, objectives } = await simulateQuarter(7);
    const engine = new PointInTimeEngine(events, { keepSnapshots: 100, snapshotEvery: 97 });
    await engine.buildSnapshotsAhead();
    // Every answer below comes from the objective's own streams (no full replay of the window).
    const fullReplay = jest.spyOn(PointInTimeSnapshots.prototype, 'stateAt');

    // Instants: at, just before and just after recorded times (inside runs of events recorded at the same
    // millisecond, and around the ones recorded out of order), and between them; in increasing order; and the end.
    const instants = new Set<number>([START - 1, times[times.length - 1] + 1]);
    for (let i = 0; i < times.length; i += 32) for (const d of [-1, 0, 1, 1800_000]) instants.add(times[i] + d);
    for (let i = 1; i < times.length; i++) if (times[i] < times[i - 1]) for (const d of [-1, 0, 1]) instants.add(times[i] + d);
    const sorted = [...instants].sort((a, b) => a - b);

    const live = liveAnswers(events, times);
    let compared = 0;
    for (const instant of sorted) {
      for (const { id, tenantId } of objectives) {
        // As the API writes them (JSON: every double exactly; -0 as 0, and only that differs in memory: a replay
        // from a snapshot, JSON inside, holds 0 where one from the beginning holds -0).
        expect(asJson(await answerOf(() => engine.objective(tenantId, id, instant)))).toEqual(asJson(await live(tenantId, id, instant)));
        compared++;
      }
      // Another tenant's objective is not found, as live.
      expect(await answerOf(() => engine.objective('tenant-b', objectives[0].id, instant))).toEqual({ error: 'objective.not_found' });
    }
    expect(compared).toBeGreaterThan(5_000);
    expect(fullReplay).not.toHaveBeenCalled();
  });

  it('replays in full, leaving snapshots behind, when the nearest snapshot is far; answers from a kept state; follows new events', async () => {
    const { events, times, objectives } = await simulateQuarter(11);
    const snapshots = new MemorySnapshotStore(100);
    const engine = new PointInTimeEngine(events, { snapshotStore: snapshots, snapshotEvery: 50 });
    const live = liveAnswers(events, times);
    const root = objectives[0];
    const last = times[times.length - 1];
    const positions = async () => (await snapshots.list(okrProjection.name, okrProjection.version)).map((s) => s.position);

    // No snapshot yet: a full replay to the instant, which leaves one at every 50th position on its way.
    const fullReplay = jest.spyOn(PointInTimeSnapshots.prototype, 'stateAt');
    const at = times[300] + 1;
    expect(asJson(await engine.objective(root.tenantId, root.id, at))).toEqual(asJson(await live(root.tenantId, root.id, at)));
    expect(fullReplay).toHaveBeenCalledTimes(1);
    expect(await positions()).toEqual([50, 100, 150, 200, 250, 300].filter((p) => p <= prefixEnd(times, at)));
    // Its state is kept: another objective at the same instant is read from it.
    expect(asJson(await engine.objective(objectives[5].tenantId, objectives[5].id, at))).toEqual(
      asJson(await live(objectives[5].tenantId, objectives[5].id, at)),
    );
    expect(fullReplay).toHaveBeenCalledTimes(1);
    // Near a snapshot: the objective's own streams.
    const near = times[320];
    expect(asJson(await engine.objective(root.tenantId, root.id, near))).toEqual(asJson(await live(root.tenantId, root.id, near)));
    expect(fullReplay).toHaveBeenCalledTimes(1);

    // New events: objectives aligned under the root later; the answer follows them.
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
    await engine.buildSnapshotsAhead();
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
      times.push(last + DAY, last + DAY);
    }
    const answer = (await engine.objective(root.tenantId, root.id, last + DAY)) as { childIds: string[] };
    expect(asJson(answer)).toEqual(asJson(await live(root.tenantId, root.id, last + DAY)));
    expect(answer.childIds).toEqual(expect.arrayContaining(['late-0', 'late-1', 'late-2']));
  });
});
