import { CheckInCadence, Metric, OkrEventOf, OkrEventType } from '@okr/domain';
import { ProjectionSpecification, SpecEvent } from '../testing/projection-specification';
import { okrProjection } from './okr.projection';

/**
 * The okr projection's specification: given events, when more are projected, then these documents. Every `then`
 * also replays all the events over the documents (nothing may change) and projects them one per batch (the same
 * documents must come out): see ProjectionSpecification.
 */
const spec = ProjectionSpecification.for(okrProjection);

/** An event of the domain, its data type-checked against the domain's. */
function event<T extends OkrEventType>(streamId: string, type: T, data: OkrEventOf<T>['data'], recordedAt?: string): SpecEvent {
  return { streamId, type, data, ...(recordedAt ? { recordedAt } : {}) };
}

const T0 = '2026-01-05T09:00:00.000Z';
const scheduled = (cycleId = 'q1') =>
  event(`cycle-${cycleId}`, 'CycleScheduled', { cycleId, name: `Cycle ${cycleId}`, startsOn: '2026-01-01', endsOn: '2026-03-31' });
const created = (objectiveId: string, teamId: string | null = null) =>
  event(
    `objective-${objectiveId}`,
    'ObjectiveCreated',
    {
      objectiveId,
      cycleId: 'q1',
      title: `Objective ${objectiveId}`,
      description: null,
      ownerId: 'user-1',
      teamId,
      kind: 'committed',
      carriedOverFrom: null,
    },
    T0,
  );
const increase = (start: number, target: number): Metric => ({ type: 'increase', start, target, unit: null });
const added = (
  keyResultId: string,
  objectiveId: string,
  metric: Metric = increase(0, 100),
  weight = 1,
  checkInCadence: CheckInCadence | null = null,
) =>
  event(`keyresult-${keyResultId}`, 'KeyResultAdded', {
    keyResultId,
    objectiveId,
    title: `KR ${keyResultId}`,
    metric,
    weight,
    ownerId: null,
    carriedOverFrom: null,
    checkInCadence,
  });
const checkIn = (keyResultId: string, value: number, effectiveAt: string, confidence = 0.5, checkInId = `${keyResultId}-${value}`) =>
  event(`keyresult-${keyResultId}`, 'KeyResultCheckedIn', { keyResultId, checkInId, value, confidence, note: null, effectiveAt });
const aligned = (objectiveId: string, parentObjectiveId: string, weight = 1) =>
  event(`objective-${objectiveId}`, 'ObjectiveAligned', {
    objectiveId,
    parentObjectiveId,
    weight,
    previousParentObjectiveId: null,
    previousWeight: null,
  });
const archived = (objectiveId: string) =>
  event(`objective-${objectiveId}`, 'ObjectiveArchived', { objectiveId, archivedAt: T0, previousStatus: 'open' });
const initiative = (initiativeId: string, keyResultIds: string[]) =>
  event(`initiative-${initiativeId}`, 'InitiativeCreated', {
    initiativeId,
    title: `Initiative ${initiativeId}`,
    ownerId: null,
    keyResultIds,
    status: 'planned',
  });

describe('okr projection', () => {
  describe('tenants, users and teams', () => {
    it('lists users with their name and role; tenants, their cadence and token replacements show nowhere', async () => {
      const documents = await spec
        .given([event('tenant-t1', 'TenantCreated', { tenantId: 'tenant-1', name: 'Acme' })])
        .when([
          event('user-u1', 'UserCreated', { userId: 'u1', tenantId: 'tenant-1', name: 'Ada', role: 'admin', tokenHash: 'h1' }),
          event('user-u1', 'UserTokenReplaced', { userId: 'u1', tokenHash: 'h2' }),
          event('tenant-t1', 'TenantCheckInCadenceChanged', {
            tenantId: 'tenant-1',
            checkInCadence: 'monthly',
            previousCheckInCadence: 'weekly',
          }),
        ])
        .then({ users: { u1: { id: 'u1', version: 2, tenantId: 'tenant-1', name: 'Ada', role: 'admin' } } });
      expect(Object.keys(documents.users)).toEqual(['u1']);
      expect(documents.users.u1).not.toHaveProperty('tokenHash');
    });

    it('renames a user and changes the role; teams, token revocation and sessions change no document', async () => {
      await spec
        .given([event('user-u1', 'UserCreated', { userId: 'u1', tenantId: 'tenant-1', name: 'Ada', role: 'editor', tokenHash: 'h1' })])
        .when([
          event('user-u1', 'UserRenamed', { userId: 'u1', name: 'Ada Lovelace', previousName: 'Ada' }),
          event('user-u1', 'UserRoleChanged', { userId: 'u1', role: 'admin', previousRole: 'editor' }),
          event('user-u1', 'UserTeamsChanged', { userId: 'u1', teamIds: ['t1'], previousTeamIds: [] }),
          event('user-u1', 'UserSessionStarted', {
            userId: 'u1',
            sessionHash: 's1',
            method: 'token',
            startedAt: '2026-02-01T08:00:00.000Z',
            expiresAt: '2026-02-01T20:00:00.000Z',
          }),
          event('user-u1', 'UserTokenRevoked', { userId: 'u1' }),
          event('user-u1', 'UserSessionEnded', { userId: 'u1', sessionHash: 's1', reason: 'token_revoked' }),
        ])
        .then({ users: { u1: { id: 'u1', version: 3, tenantId: 'tenant-1', name: 'Ada Lovelace', role: 'admin' } } });
    });

    it('keeps a team with its name and parent team, renamed and moved', async () => {
      await spec
        .given([
          event('team-t1', 'TeamCreated', { teamId: 't1', name: 'Company', parentTeamId: null }),
          event('team-t2', 'TeamCreated', { teamId: 't2', name: 'Growth', parentTeamId: null }),
        ])
        .when([
          event('team-t2', 'TeamRenamed', { teamId: 't2', name: 'Growth & Retention', previousName: 'Growth' }),
          event('team-t2', 'TeamMoved', { teamId: 't2', parentTeamId: 't1', previousParentTeamId: null }),
        ])
        .then({
          teams: {
            t1: { id: 't1', version: 1, tenantId: 'tenant-1', name: 'Company', parentTeamId: null },
            t2: { id: 't2', version: 4, tenantId: 'tenant-1', name: 'Growth & Retention', parentTeamId: 't1' },
          },
        });
    });
  });

  describe('cycles', () => {
    it('opens a scheduled cycle and closes it', async () => {
      await spec
        .given([])
        .when([scheduled()])
        .then({ cycles: { q1: { version: 1, status: 'open', closedAt: null } } });
      await spec
        .given([scheduled()])
        .when([event('cycle-q1', 'CycleClosed', { cycleId: 'q1', closedAt: '2026-04-01T00:00:00.000Z' })])
        .then({
          cycles: {
            q1: {
              id: 'q1',
              version: 2,
              tenantId: 'tenant-1',
              name: 'Cycle q1',
              startsOn: '2026-01-01',
              endsOn: '2026-03-31',
              status: 'closed',
              closedAt: '2026-04-01T00:00:00.000Z',
            },
          },
        });
    });
  });

  describe('objectives', () => {
    it('creates an objective open, with nothing to roll up, at version 1 of its stream', async () => {
      await spec
        .given([scheduled()])
        .when([created('o1', 'team-1')])
        .then({
          objectives: {
            o1: {
              id: 'o1',
              version: 2,
              streamVersion: 1,
              tenantId: 'tenant-1',
              cycleId: 'q1',
              title: 'Objective o1',
              description: null,
              ownerId: 'user-1',
              teamId: 'team-1',
              kind: 'committed',
              status: 'open',
              score: null,
              closedAt: null,
              createdAt: T0,
              createdPosition: 2,
              parentId: null,
              alignmentWeight: null,
              carriedOverFrom: null,
              carriedOverTo: [],
              keyResults: [],
              children: {},
              progress: 0,
              rollup: 0,
              confidence: null,
              lastCheckInAt: null,
            },
          },
        });
    });

    it('edits, closes and carries over, counting the events of its stream', async () => {
      await spec
        .given([scheduled(), created('o1')])
        .when([
          event('objective-o1', 'ObjectiveEdited', {
            objectiveId: 'o1',
            changes: { title: 'Keep customers', kind: 'aspirational' },
            previous: { title: 'Objective o1', kind: 'committed' },
          }),
          event('objective-o1', 'ObjectiveClosed', {
            objectiveId: 'o1',
            score: 0.7,
            scoreSource: 'explicit',
            keyResultScores: [],
            reason: 'manual',
            closedAt: '2026-03-01T00:00:00.000Z',
          }),
          event('objective-o1', 'ObjectiveCarriedOver', { objectiveId: 'o1', toObjectiveId: 'o9', toCycleId: 'q2', keyResultIds: [] }),
        ])
        .then({
          objectives: {
            o1: {
              version: 5,
              streamVersion: 4,
              title: 'Keep customers',
              kind: 'aspirational',
              status: 'closed',
              score: 0.7,
              closedAt: '2026-03-01T00:00:00.000Z',
              carriedOverTo: [{ objectiveId: 'o9', cycleId: 'q2' }],
            },
          },
        });
    });
  });

  describe('key results', () => {
    it('adds a key result at its start value, in its objective’s cycle, summarised in the objective', async () => {
      await spec
        .given([scheduled(), created('o1')])
        .when([added('k1', 'o1', increase(10, 110), 2)])
        .then({
          key_results: {
            k1: {
              id: 'k1',
              version: 3,
              streamVersion: 1,
              tenantId: 'tenant-1',
              objectiveId: 'o1',
              cycleId: 'q1',
              title: 'KR k1',
              metric: increase(10, 110),
              originalTarget: 110,
              targetChanges: 0,
              weight: 2,
              ownerId: null,
              current: 10,
              confidence: null,
              progress: 0,
              progressRaw: 0,
              grade: null,
              removed: false,
              checkInCount: 0,
              currentEffectiveAt: null,
              currentSequence: null,
              carriedOverFrom: null,
              initiativeIds: [],
              checkInCadence: null,
              createdAt: '2026-01-05T09:02:00.000Z',
            },
          },
          objectives: { o1: { version: 3, keyResults: [{ id: 'k1', weight: 2, progress: 0, confidence: null }], progress: 0, rollup: 0 } },
        });
    });

    it('takes the check-in with the latest effective time as current, ties going to the later recorded', async () => {
      await spec
        .given([scheduled(), created('o1'), added('k1', 'o1')])
        .when([
          checkIn('k1', 40, '2026-02-01T00:00:00.000Z', 0.6),
          checkIn('k1', 20, '2026-01-20T00:00:00.000Z', 0.3), // backdated: counted, not current
          checkIn('k1', 50, '2026-02-01T00:00:00.000Z', 0.7), // the same effective time, recorded later: current
          checkIn('k1', 130, '2026-01-25T00:00:00.000Z', 0.9), // backdated again
        ])
        .then({
          key_results: {
            k1: {
              version: 7,
              streamVersion: 5,
              current: 50,
              confidence: 0.7,
              progress: 0.5,
              progressRaw: 0.5,
              checkInCount: 4,
              currentEffectiveAt: '2026-02-01T00:00:00.000Z',
              currentSequence: 2,
            },
          },
          objectives: {
            o1: {
              keyResults: [{ id: 'k1', weight: 1, progress: 0.5, confidence: 0.7, lastCheckInAt: '2026-02-01T00:00:00.000Z' }],
              progress: 0.5,
              confidence: 0.7,
              rollup: 0.5,
              lastCheckInAt: '2026-02-01T00:00:00.000Z',
            },
          },
        });
    });

    it('keeps the cadence a key result was added with and its changes (null: the tenant cadence), and when it was added', async () => {
      await spec
        .given([scheduled(), created('o1'), added('k1', 'o1', increase(0, 100), 1, 'monthly'), added('k2', 'o1')])
        .when([
          event('keyresult-k1', 'KeyResultCheckInCadenceChanged', {
            keyResultId: 'k1',
            checkInCadence: null,
            previousCheckInCadence: 'monthly',
          }),
          event('keyresult-k2', 'KeyResultCheckInCadenceChanged', {
            keyResultId: 'k2',
            checkInCadence: 'fortnightly',
            previousCheckInCadence: null,
          }),
          checkIn('k2', 30, '2026-01-04T00:00:00.000Z'),
        ])
        .then({
          key_results: {
            k1: { checkInCadence: null, createdAt: '2026-01-05T09:02:00.000Z', streamVersion: 2, currentEffectiveAt: null },
            k2: {
              checkInCadence: 'fortnightly',
              createdAt: '2026-01-05T09:03:00.000Z',
              streamVersion: 3,
              currentEffectiveAt: '2026-01-04T00:00:00.000Z',
            },
          },
        });
    });

    it('clamps progress to [0, 1] and keeps the raw one', async () => {
      await spec
        .given([scheduled(), created('o1'), added('k1', 'o1'), added('k2', 'o1', increase(100, 0))])
        .when([checkIn('k1', 120, '2026-01-10T00:00:00.000Z', 1), checkIn('k2', 150, '2026-01-10T00:00:00.000Z', 0.2)])
        .then({
          key_results: { k1: { current: 120, progress: 1, progressRaw: 1.2 }, k2: { current: 150, progress: 0, progressRaw: -0.5 } },
          objectives: { o1: { progress: 0.5, confidence: 0.6, rollup: 0.5 } },
        });
    });

    it('re-derives progress when the target moves (counted); renames, reweighs and grades', async () => {
      await spec
        .given([scheduled(), created('o1'), added('k1', 'o1'), added('k2', 'o1'), checkIn('k1', 120, '2026-01-10T00:00:00.000Z', 1)])
        .when([
          event('keyresult-k1', 'KeyResultRenamed', { keyResultId: 'k1', title: 'Signups', previousTitle: 'KR k1' }),
          event('keyresult-k1', 'KeyResultTargetChanged', { keyResultId: 'k1', target: 200, previousTarget: 100, reason: 'too easy' }),
          event('keyresult-k1', 'KeyResultTargetChanged', { keyResultId: 'k1', target: 400, previousTarget: 200, reason: 'board' }),
          event('keyresult-k2', 'KeyResultWeightChanged', { keyResultId: 'k2', weight: 3, previousWeight: 1 }),
          event('keyresult-k1', 'KeyResultGraded', { keyResultId: 'k1', score: 0.4, previousScore: null }),
        ])
        .then({
          key_results: {
            k1: {
              title: 'Signups',
              metric: increase(0, 400),
              originalTarget: 100,
              targetChanges: 2,
              current: 120,
              progress: 0.3,
              progressRaw: 0.3,
              grade: 0.4,
              streamVersion: 6,
            },
            k2: { weight: 3, streamVersion: 2 },
          },
          // (1 × 0.3 + 3 × 0) / 4; the confidence is k1's alone (k2 has none).
          objectives: { o1: { progress: expect.closeTo(0.075, 12), confidence: 1, rollup: expect.closeTo(0.075, 12) } },
        });
    });

    it('a removed key result leaves its objective’s figures; its document stays, marked removed', async () => {
      await spec
        .given([scheduled(), created('o1'), added('k1', 'o1'), added('k2', 'o1'), checkIn('k1', 80, '2026-01-10T00:00:00.000Z', 0.9)])
        .when([event('keyresult-k1', 'KeyResultRemoved', { keyResultId: 'k1', removedAt: T0 })])
        .then({
          key_results: { k1: { removed: true, current: 80, streamVersion: 3 } },
          objectives: {
            o1: { keyResults: [{ id: 'k2', weight: 1, progress: 0, confidence: null }], progress: 0, confidence: null, rollup: 0 },
          },
        });
    });
  });

  describe('last check-in of an objective', () => {
    // Every then() also replays the events over its documents and projects them one per batch: the same documents.
    it('is null before any check-in; a check-in sets it on the key result’s summary and on the objective', async () => {
      await spec
        .given([scheduled(), created('o1'), added('k1', 'o1'), added('k2', 'o1')])
        .when([checkIn('k1', 30, '2026-01-10T00:00:00.000Z')])
        .then({
          objectives: {
            o1: {
              keyResults: [
                { id: 'k1', lastCheckInAt: '2026-01-10T00:00:00.000Z' },
                { id: 'k2', lastCheckInAt: null },
              ],
              lastCheckInAt: '2026-01-10T00:00:00.000Z',
            },
          },
        });
    });

    it('is the latest current check-in of its key results: a backdated check-in older than the current does not move it', async () => {
      await spec
        .given([scheduled(), created('o1'), added('k1', 'o1'), added('k2', 'o1'), checkIn('k1', 30, '2026-01-20T00:00:00.000Z')])
        .when([
          checkIn('k1', 10, '2026-01-12T00:00:00.000Z'), // backdated: not current
          checkIn('k2', 50, '2026-01-15T00:00:00.000Z'), // current for k2, older than k1's
        ])
        .then({
          key_results: { k1: { current: 30, checkInCount: 2, currentEffectiveAt: '2026-01-20T00:00:00.000Z' } },
          objectives: {
            o1: {
              keyResults: [
                { id: 'k1', lastCheckInAt: '2026-01-20T00:00:00.000Z' },
                { id: 'k2', lastCheckInAt: '2026-01-15T00:00:00.000Z' },
              ],
              lastCheckInAt: '2026-01-20T00:00:00.000Z',
            },
          },
        });
    });

    it('moves back when the key result with the latest check-in is removed, and to null when none is left checked in', async () => {
      const given = [
        scheduled(),
        created('o1'),
        added('k1', 'o1'),
        added('k2', 'o1'),
        added('k3', 'o1'),
        checkIn('k1', 30, '2026-01-20T00:00:00.000Z'),
        checkIn('k2', 50, '2026-01-15T00:00:00.000Z'),
      ];
      const removed = (keyResultId: string) => event(`keyresult-${keyResultId}`, 'KeyResultRemoved', { keyResultId, removedAt: T0 });
      await spec
        .given(given)
        .when([removed('k1')])
        .then({ objectives: { o1: { keyResults: [{ id: 'k2' }, { id: 'k3' }], lastCheckInAt: '2026-01-15T00:00:00.000Z' } } });
      await spec
        .given(given)
        .when([removed('k1'), removed('k2')])
        .then({ objectives: { o1: { keyResults: [{ id: 'k3', lastCheckInAt: null }], lastCheckInAt: null } } });
    });

    it('is its own key results’ alone: an aligned child’s check-ins do not reach its parent', async () => {
      await spec
        .given([scheduled(), created('p'), created('c'), added('k1', 'c'), aligned('c', 'p')])
        .when([checkIn('k1', 30, '2026-01-10T00:00:00.000Z')])
        .then({ objectives: { c: { lastCheckInAt: '2026-01-10T00:00:00.000Z' }, p: { lastCheckInAt: null, rollup: 0.3 } } });
    });
  });

  describe('initiatives', () => {
    it('links initiatives to key results both ways, and follows edits, links, unlinks and status', async () => {
      await spec
        .given([scheduled(), created('o1'), added('k1', 'o1'), added('k2', 'o1')])
        .when([
          initiative('i1', ['k1']),
          initiative('i2', []),
          event('initiative-i2', 'InitiativeKeyResultLinked', { initiativeId: 'i2', keyResultId: 'k1' }),
          event('initiative-i2', 'InitiativeKeyResultLinked', { initiativeId: 'i2', keyResultId: 'k2' }),
          event('initiative-i1', 'InitiativeKeyResultUnlinked', { initiativeId: 'i1', keyResultId: 'k1' }),
          event('initiative-i2', 'InitiativeEdited', {
            initiativeId: 'i2',
            changes: { title: 'Onboarding', ownerId: 'user-1' },
            previous: { title: 'Initiative i2', ownerId: null },
          }),
          event('initiative-i2', 'InitiativeStatusChanged', { initiativeId: 'i2', status: 'done', previousStatus: 'planned' }),
        ])
        .then({
          initiatives: {
            i1: { id: 'i1', streamVersion: 2, tenantId: 'tenant-1', title: 'Initiative i1', status: 'planned', keyResultIds: [] },
            i2: { streamVersion: 5, title: 'Onboarding', ownerId: 'user-1', status: 'done', keyResultIds: ['k1', 'k2'] },
          },
          key_results: { k1: { initiativeIds: ['i2'] }, k2: { initiativeIds: ['i2'] } },
        });
    });
  });

  describe('rollups through the alignment tree', () => {
    // g ← p (weight 2) ← c (weight 1); g ← o2 (weight 1). Key results: kp on p; kc1 and a milestone kc2 (weight 3) on c.
    const tree = [
      scheduled(),
      created('g'),
      created('p'),
      created('c'),
      created('o2'),
      added('kp', 'p'),
      added('kc1', 'c', increase(0, 10)),
      added('kc2', 'c', { type: 'milestone', start: 0, target: 1, unit: null }, 3),
      aligned('p', 'g', 2),
      aligned('c', 'p', 1),
      aligned('o2', 'g', 1),
    ];
    const checkIns = [
      checkIn('kc1', 5, '2026-01-10T00:00:00.000Z', 0.8),
      checkIn('kp', 40, '2026-01-10T00:00:00.000Z', 0.6),
      checkIn('kc2', 1, '2026-01-11T00:00:00.000Z', 0.9),
    ];

    it('rolls progress up every level: key results and aligned children by weight', async () => {
      await spec
        .given(tree)
        .when(checkIns)
        .then({
          objectives: {
            // c: (1 × 0.5 + 3 × 1) / 4
            c: { progress: 0.875, confidence: expect.closeTo(0.875, 12), rollup: 0.875, parentId: 'p', alignmentWeight: 1 },
            // p: progress of kp alone; rollup (1 × 0.4 + 1 × 0.875) / 2
            p: { progress: 0.4, confidence: 0.6, rollup: expect.closeTo(0.6375, 12), children: { c: { weight: 1, rollup: 0.875 } } },
            // g: no key results; rollup (2 × 0.6375 + 1 × 0) / 3
            g: {
              progress: 0,
              confidence: null,
              rollup: expect.closeTo(0.425, 12),
              children: { p: { weight: 2, rollup: expect.closeTo(0.6375, 12) }, o2: { weight: 1, rollup: 0 } },
            },
          },
        });
    });

    it('archiving an objective takes it out of its parent’s rollup, and later changes to it reach no parent', async () => {
      await spec
        .given([...tree, ...checkIns])
        .when([archived('c'), checkIn('kc1', 10, '2026-01-12T00:00:00.000Z', 1), aligned('c', 'g', 5)])
        .then({
          objectives: {
            c: { status: 'archived', parentId: 'g', alignmentWeight: 5, progress: 1, rollup: 1 },
            p: { children: {}, rollup: 0.4 },
            // (2 × 0.4 + 1 × 0) / 3: c is not among g's children although aligned under it
            g: { children: { p: { weight: 2, rollup: 0.4 }, o2: { weight: 1, rollup: 0 } }, rollup: expect.closeTo(0.8 / 3, 12) },
          },
        });
    });

    it('realigning moves a child and its rollup from one parent to the other; unaligning detaches it', async () => {
      await spec
        .given([...tree, ...checkIns])
        .when([
          event('objective-c', 'ObjectiveAligned', {
            objectiveId: 'c',
            parentObjectiveId: 'o2',
            weight: 4,
            previousParentObjectiveId: 'p',
            previousWeight: 1,
          }),
          event('objective-p', 'ObjectiveUnaligned', { objectiveId: 'p', previousParentObjectiveId: 'g', previousWeight: 2 }),
        ])
        .then({
          objectives: {
            c: { parentId: 'o2', alignmentWeight: 4 },
            o2: { children: { c: { weight: 4, rollup: 0.875 } }, rollup: 0.875 },
            p: { parentId: null, alignmentWeight: null, children: {}, rollup: 0.4 },
            g: { children: { o2: { weight: 1, rollup: 0.875 } }, rollup: 0.875 },
          },
        });
    });

    it('replaying the same events changes nothing, and neither does batching them otherwise', async () => {
      // then() replays every event over the documents it found and compares each document, then projects the
      // events one per batch and compares again (ProjectionSpecification); here over the whole tree at once.
      const documents = await spec
        .given([])
        .when([...tree, ...checkIns])
        .then({ objectives: { g: { rollup: expect.closeTo(0.425, 12) } } });
      expect(Object.keys(documents.objectives).sort()).toEqual(['c', 'g', 'o2', 'p']);
    });
  });

  it('ignores events of types the domain does not know', async () => {
    const documents = await spec
      .given([scheduled()])
      .when([{ streamId: 'objective-x', type: 'GadgetPolished', data: { objectiveId: 'x' } }])
      .then({ cycles: { q1: { version: 1 } }, objectives: { x: null } });
    expect(documents.objectives).toEqual({});
  });
});
