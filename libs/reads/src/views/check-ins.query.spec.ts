import { NotFoundError } from '@okr/domain';
import { InMemoryEventStore } from '@okr/event-store';
import { ProjectionRunner, okrProjection } from '@okr/projections';
import { okrEventAppender } from '@okr/projections/testing/okr-event-appender';
import { InMemoryReadModelStore } from '@okr/read-model';
import { ManualClock, ReadModels } from '@okr/platform';
import { CheckInItem, CheckInsQuery } from './check-ins.query';

const T0 = Date.parse('2026-01-05T10:00:00.000Z');
const DAY = 24 * 3600_000;

/**
 * Tenant t1: cycles q1 (2026 Q1, open), q2 (Q2, open), q0 (closed). Ada (u-ada) is in team growth. Objectives in q1:
 * o-ada (Ada's), o-growth (team growth's), o-bob (Bob's, with one key result Ada owns), o-other (team sales), o-closed
 * (Ada's, closed), o-archived (Ada's, archived); in q2: o-ada2 (Ada's); in q0: o-old (Ada's). Tenant t2: a cycle and
 * an objective owned by a user of the same id. Each event is recorded a minute after the previous, from T0, unless moved.
 */
async function organisation() {
  const events = new InMemoryEventStore();
  const times: number[] = [];
  let clock = T0;
  const { append } = okrEventAppender(events, (n) => new Date(times[n - 1]).toISOString());
  const at = async (stream: string, type: string, data: Record<string, unknown>, tenantId = 't1') => {
    times.push((clock += 60_000));
    await append(stream, type, data, tenantId);
  };
  const cycle = (cycleId: string, startsOn: string, endsOn: string, tenantId = 't1') =>
    at(`cycle-${cycleId}`, 'CycleScheduled', { cycleId, name: cycleId, startsOn, endsOn }, tenantId);
  const objective = (objectiveId: string, cycleId: string, ownerId: string | null, teamId: string | null, tenantId = 't1') =>
    at(
      `objective-${objectiveId}`,
      'ObjectiveCreated',
      {
        objectiveId,
        cycleId,
        title: `Objective ${objectiveId}`,
        description: null,
        ownerId,
        teamId,
        kind: 'committed',
        carriedOverFrom: null,
      },
      tenantId,
    );
  const keyResult = (keyResultId: string, objectiveId: string, extra: Record<string, unknown> = {}, tenantId = 't1') =>
    at(
      `keyresult-${keyResultId}`,
      'KeyResultAdded',
      {
        keyResultId,
        objectiveId,
        title: `KR ${keyResultId}`,
        metric: { type: 'increase', start: 0, target: 100, unit: 'users' },
        weight: 1,
        ownerId: null,
        carriedOverFrom: null,
        checkInCadence: null,
        ...extra,
      },
      tenantId,
    );
  const checkIn = (keyResultId: string, value: number, effectiveAt: string) =>
    at(`keyresult-${keyResultId}`, 'KeyResultCheckedIn', {
      keyResultId,
      checkInId: `${keyResultId}-${value}`,
      value,
      confidence: 0.7,
      note: null,
      effectiveAt,
    });

  await cycle('q1', '2026-01-01', '2026-03-31');
  await cycle('q2', '2026-04-01', '2026-06-30');
  await cycle('q0', '2025-10-01', '2025-12-31');
  await at('cycle-q0', 'CycleClosed', { cycleId: 'q0', closedAt: new Date(T0).toISOString() });
  await objective('o-ada', 'q1', 'u-ada', null);
  await objective('o-growth', 'q1', 'u-carl', 'growth');
  await objective('o-bob', 'q1', 'u-bob', 'sales');
  await objective('o-other', 'q1', 'u-bob', 'sales');
  await objective('o-closed', 'q1', 'u-ada', null);
  await objective('o-archived', 'q1', 'u-ada', null);
  await objective('o-ada2', 'q2', 'u-ada', null);
  await objective('o-old', 'q0', 'u-ada', null);
  await keyResult('k-weekly', 'o-ada'); // recorded at 10:13: due a week later
  await keyResult('k-monthly', 'o-ada', { checkInCadence: 'monthly' });
  await keyResult('k-growth', 'o-growth', { checkInCadence: 'fortnightly' });
  await keyResult('k-owned', 'o-bob', { ownerId: 'u-ada' });
  await keyResult('k-bob', 'o-bob');
  await keyResult('k-other', 'o-other');
  await keyResult('k-closed', 'o-closed');
  await keyResult('k-archived', 'o-archived');
  await keyResult('k-removed', 'o-ada');
  await keyResult('k-q2', 'o-ada2');
  await at('objective-o-closed', 'ObjectiveClosed', {
    objectiveId: 'o-closed',
    score: 0,
    closedAt: new Date(T0).toISOString(),
    reason: 'manual',
  });
  await at('objective-o-archived', 'ObjectiveArchived', {
    objectiveId: 'o-archived',
    archivedAt: new Date(T0).toISOString(),
    previousStatus: 'open',
  });
  await at('keyresult-k-removed', 'KeyResultRemoved', { keyResultId: 'k-removed', removedAt: new Date(T0).toISOString() });
  // Bob checked in on his a day later: due a day after Ada's weekly one.
  clock = T0 + DAY;
  await checkIn('k-bob', 10, new Date(clock + 60_000).toISOString());
  // Another tenant: a cycle and an objective of a user with Ada's id and team.
  await cycle('x1', '2026-01-01', '2026-03-31', 't2');
  await objective('o-x', 'x1', 'u-ada', 'growth', 't2');
  await keyResult('k-x', 'o-x', {}, 't2');

  const store = new InMemoryReadModelStore();
  await new ProjectionRunner(events, store, okrProjection).catchUp();
  const clockNow = new ManualClock(new Date(T0 + 13 * DAY).toISOString());
  return { query: new CheckInsQuery(new ReadModels(store), clockNow), clock: clockNow, events, append: at };
}

const ids = (items: CheckInItem[]) => items.map((i) => i.keyResultId);
const ada = { userId: 'u-ada', teamIds: ['growth'] };

describe('CheckInsQuery', () => {
  it("groups the key results Ada owns, her objectives' and her teams' by where their check-ins stand, soonest due first", async () => {
    const { query } = await organisation();
    // Now: T0 + 13 days (2026-01-18T10:00). Weekly ones created on 2026-01-05 fell due on the 12th; Bob checked in
    // k-bob on the 6th but it is not Ada's; the fortnightly one falls due on the 19th; the monthly one in February.
    const mine = await query.mine('t1', ada, { tenantCadence: 'weekly' });
    expect(ids(mine.overdue)).toEqual(['k-weekly', 'k-owned']);
    expect(ids(mine.due)).toEqual(['k-growth']);
    expect(ids(mine.upToDate)).toEqual(['k-monthly', 'k-q2']);
    expect(mine.overdue[0]).toEqual({
      keyResultId: 'k-weekly',
      title: 'KR k-weekly',
      objectiveId: 'o-ada',
      objectiveTitle: 'Objective o-ada',
      cycleId: 'q1',
      ownerId: 'u-ada',
      teamId: null,
      cadence: 'weekly',
      lastCheckInAt: null,
      dueAt: '2026-01-12T10:13:00.000Z',
      status: 'overdue',
      metricType: 'increase',
      unit: 'users',
      start: 0,
      currentValue: 0,
      target: 100,
      progress: 0,
      confidence: null,
    });
    expect(mine.overdue[1]).toMatchObject({ keyResultId: 'k-owned', objectiveId: 'o-bob', ownerId: 'u-ada', teamId: 'sales' });
    expect(mine.due[0]).toMatchObject({ cadence: 'fortnightly', ownerId: 'u-carl', teamId: 'growth', dueAt: '2026-01-19T10:15:00.000Z' });
    // A key result of the next cycle owes nothing before that cycle starts: it counts from 2026-04-01.
    expect(mine.upToDate[1]).toMatchObject({ keyResultId: 'k-q2', dueAt: '2026-04-08T00:00:00.000Z' });
  });

  it('applies the tenant cadence to key results without their own', async () => {
    const { query } = await organisation();
    const mine = await query.mine('t1', ada, { tenantCadence: 'monthly' });
    expect(ids(mine.overdue)).toEqual([]);
    expect(ids(mine.due)).toEqual(['k-growth']);
    expect(ids(mine.upToDate)).toEqual(['k-weekly', 'k-monthly', 'k-owned', 'k-q2']);
    expect(mine.upToDate[0]).toMatchObject({ cadence: 'monthly', dueAt: '2026-02-05T10:13:00.000Z' });
  });

  it('without teams, only what Ada owns; another user sees only theirs', async () => {
    const { query } = await organisation();
    const alone = await query.mine('t1', { userId: 'u-ada', teamIds: [] }, { tenantCadence: 'weekly' });
    expect([...ids(alone.overdue), ...ids(alone.due), ...ids(alone.upToDate)]).toEqual(['k-weekly', 'k-owned', 'k-monthly', 'k-q2']);
    const bob = await query.mine('t1', { userId: 'u-bob', teamIds: [] }, { tenantCadence: 'weekly' });
    // k-owned is in Bob's objective: his to see too. k-bob was checked in on the 6th: due on the 13th.
    expect(ids(bob.overdue)).toEqual(['k-owned', 'k-other', 'k-bob']);
  });

  it('narrows to one cycle; a closed cycle owes nothing; an unknown or foreign cycle is not found', async () => {
    const { query } = await organisation();
    const q2 = await query.mine('t1', ada, { cycleId: 'q2', tenantCadence: 'weekly' });
    expect({ overdue: ids(q2.overdue), due: ids(q2.due), upToDate: ids(q2.upToDate) }).toEqual({
      overdue: [],
      due: [],
      upToDate: ['k-q2'],
    });
    expect(await query.mine('t1', ada, { cycleId: 'q0', tenantCadence: 'weekly' })).toEqual({ overdue: [], due: [], upToDate: [] });
    await expect(query.mine('t1', ada, { cycleId: 'x1', tenantCadence: 'weekly' })).rejects.toThrow(NotFoundError);
    await expect(query.mine('t1', ada, { cycleId: 'nope', tenantCadence: 'weekly' })).rejects.toThrow(NotFoundError);
    // The other tenant's Ada sees only hers.
    const other = await query.mine('t2', ada, { tenantCadence: 'weekly' });
    expect(ids(other.overdue)).toEqual(['k-x']);
  });

  it("lists a cycle's missed check-ins, the most overdue first, leaving out what owes nothing", async () => {
    const { query, clock } = await organisation();
    const missed = await query.missed('t1', 'q1', 'weekly');
    expect(ids(missed.items)).toEqual(['k-weekly', 'k-owned', 'k-other', 'k-bob']);
    expect(missed.items.every((i) => i.status === 'overdue')).toBe(true);
    expect(missed.items.find((i) => i.keyResultId === 'k-bob')).toMatchObject({
      lastCheckInAt: '2026-01-06T10:01:00.000Z',
      currentValue: 10,
    });
    // A day later the fortnightly one is missed too.
    clock.set(new Date(T0 + 15 * DAY).toISOString());
    expect(ids((await query.missed('t1', 'q1', 'weekly')).items)).toEqual(['k-weekly', 'k-owned', 'k-other', 'k-bob', 'k-growth']);
    expect(await query.missed('t1', 'q0', 'weekly')).toEqual({ items: [] });
    await expect(query.missed('t1', 'x1', 'weekly')).rejects.toThrow(NotFoundError);
  });
});
