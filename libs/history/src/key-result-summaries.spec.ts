import { ADA, SCENARIO_TIME, ScenarioEvent, given } from './testing/history-scenario';

const kr = 'keyresult-kr-1';
const added: ScenarioEvent = {
  streamId: kr,
  type: 'KeyResultAdded',
  data: {
    keyResultId: 'kr-1',
    objectiveId: 'obj-1',
    title: 'Reduce churn',
    metric: { type: 'decrease', start: 5, target: 3, unit: '%' },
    weight: 1,
    ownerId: null,
    carriedOverFrom: null,
    checkInCadence: null,
  },
};
const checkIn = (value: number, confidence: number, effectiveAt: string, extra: Partial<ScenarioEvent> = {}): ScenarioEvent => ({
  streamId: kr,
  type: 'KeyResultCheckedIn',
  data: { keyResultId: 'kr-1', checkInId: `ci-${value}`, value, confidence, note: null, effectiveAt },
  recordedAt: effectiveAt,
  ...extra,
});

describe('history of key-result events', () => {
  it('KeyResultAdded: the goal in words, every field from null', () => {
    const entry = given([]).when(added);
    expect(entry.summary).toBe("Key result 'Reduce churn' added to 'Keep customers': decrease from 5 % to 3 %, weight 1, by Ada Lovelace");
    expect(entry.changes).toEqual({
      objectiveId: { from: null, to: 'obj-1' },
      title: { from: null, to: 'Reduce churn' },
      metricType: { from: null, to: 'decrease' },
      start: { from: null, to: 5 },
      target: { from: null, to: 3 },
      unit: { from: null, to: '%' },
      weight: { from: null, to: 1 },
      value: { from: null, to: 5 },
    });
    expect(entry).toMatchObject({
      position: 1,
      recordedAt: SCENARIO_TIME,
      actor: { id: ADA, name: 'Ada Lovelace' },
      type: 'KeyResultAdded',
      streamId: kr,
    });
    expect(entry).not.toHaveProperty('effectiveAt');
  });

  it('KeyResultTargetChanged: the sentence of the issue, with the reason', () => {
    const entry = given([added]).when({
      streamId: kr,
      type: 'KeyResultTargetChanged',
      data: { keyResultId: 'kr-1', target: 2.5, previousTarget: 3, reason: 'board asked for more' },
    });
    expect(entry.summary).toBe("Target of 'Reduce churn' changed from 3 % to 2.5 % by Ada Lovelace: board asked for more");
    expect(entry.changes).toEqual({ target: { from: 3, to: 2.5 } });
    expect(entry.reason).toBe('board asked for more');
  });

  it('KeyResultRenamed: the title from → to', () => {
    const entry = given([added]).when({
      streamId: kr,
      type: 'KeyResultRenamed',
      data: { keyResultId: 'kr-1', title: 'Cut churn', previousTitle: 'Reduce churn' },
    });
    expect(entry.summary).toBe("Key result 'Reduce churn' renamed to 'Cut churn' by Ada Lovelace");
    expect(entry.changes).toEqual({ title: { from: 'Reduce churn', to: 'Cut churn' } });
  });

  it('KeyResultWeightChanged: the weight from → to', () => {
    const entry = given([added]).when({
      streamId: kr,
      type: 'KeyResultWeightChanged',
      data: { keyResultId: 'kr-1', weight: 2, previousWeight: 1 },
      actorId: 'user-bob',
    });
    expect(entry.summary).toBe("Weight of 'Reduce churn' changed from 1 to 2 by Bob Builder");
    expect(entry.changes).toEqual({ weight: { from: 1, to: 2 } });
    expect(entry.actor).toEqual({ id: 'user-bob', name: 'Bob Builder' });
  });

  it('KeyResultCheckedIn (first): from the start and no confidence, with the effective time and the note as reason', () => {
    const event = checkIn(4.5, 0.6, '2026-01-10T10:00:00.000Z');
    (event.data as { note: string | null }).note = 'new onboarding live';
    const entry = given([added]).when(event);
    expect(entry.summary).toBe(
      "'Reduce churn' checked in at 4.5 % (was 5 %), confidence 60 % (was none) by Ada Lovelace: new onboarding live",
    );
    expect(entry.changes).toEqual({ value: { from: 5, to: 4.5 }, confidence: { from: null, to: 0.6 } });
    expect(entry.effectiveAt).toBe('2026-01-10T10:00:00.000Z');
    expect(entry.reason).toBe('new onboarding live');
  });

  it('KeyResultCheckedIn (next): from the previous check-in', () => {
    const entry = given([added, checkIn(4.5, 0.6, '2026-01-10T10:00:00.000Z')]).when(checkIn(4, 0.7, '2026-01-17T10:00:00.000Z'));
    expect(entry.summary).toBe("'Reduce churn' checked in at 4 % (was 4.5 %), confidence 70 % (was 60 %) by Ada Lovelace");
    expect(entry.changes).toEqual({ value: { from: 4.5, to: 4 }, confidence: { from: 0.6, to: 0.7 } });
    expect(entry).not.toHaveProperty('reason');
  });

  it('KeyResultCheckedIn (backdated): from what was in effect at its effective time, and says when', () => {
    const history = [added, checkIn(4.5, 0.6, '2026-01-10T10:00:00.000Z'), checkIn(4, 0.7, '2026-01-17T10:00:00.000Z')];
    const entry = given(history).when(checkIn(4.2, 0.65, '2026-01-12T00:00:00.000Z', { recordedAt: '2026-01-20T09:00:00.000Z' }));
    expect(entry.summary).toBe(
      "'Reduce churn' checked in at 4.2 % effective 2026-01-12 (was 4.5 %), confidence 65 % (was 60 %) by Ada Lovelace",
    );
    expect(entry.changes).toEqual({ value: { from: 4.5, to: 4.2 }, confidence: { from: 0.6, to: 0.65 } });
    expect(entry).toMatchObject({ effectiveAt: '2026-01-12T00:00:00.000Z', recordedAt: '2026-01-20T09:00:00.000Z' });
  });

  it('KeyResultCheckedIn on a milestone: done / not done', () => {
    const milestone: ScenarioEvent = {
      ...added,
      data: { ...(added.data as object), title: 'Launch', metric: { type: 'milestone', start: 0, target: 1, unit: null } },
    };
    const entry = given([milestone]).when(checkIn(1, 1, SCENARIO_TIME));
    expect(entry.summary).toBe("'Launch' checked in at done (was not done), confidence 100 % (was none) by Ada Lovelace");
  });

  it('KeyResultGraded: the grade from → to', () => {
    const first = given([added]).when({
      streamId: kr,
      type: 'KeyResultGraded',
      data: { keyResultId: 'kr-1', score: 0.7, previousScore: null },
    });
    expect(first.summary).toBe("'Reduce churn' graded 70 % by Ada Lovelace");
    expect(first.changes).toEqual({ grade: { from: null, to: 0.7 } });
    const graded: ScenarioEvent = { streamId: kr, type: 'KeyResultGraded', data: { keyResultId: 'kr-1', score: 0.7, previousScore: null } };
    const again = given([added, graded]).when({
      streamId: kr,
      type: 'KeyResultGraded',
      data: { keyResultId: 'kr-1', score: 0.55, previousScore: 0.7 },
    });
    expect(again.summary).toBe("'Reduce churn' graded 55 % (was 70 %) by Ada Lovelace");
    expect(again.changes).toEqual({ grade: { from: 0.7, to: 0.55 } });
  });

  it('KeyResultAdded with a cadence of its own says it', () => {
    const entry = given([]).when({ ...added, data: { ...(added.data as object), checkInCadence: 'monthly' } });
    expect(entry.summary).toBe(
      "Key result 'Reduce churn' added to 'Keep customers': decrease from 5 % to 3 %, weight 1, check-ins monthly, by Ada Lovelace",
    );
    expect(entry.changes.checkInCadence).toEqual({ from: null, to: 'monthly' });
  });

  it("KeyResultCheckInCadenceChanged: the cadence from → to, null read as the tenant's", () => {
    const set: ScenarioEvent = {
      streamId: kr,
      type: 'KeyResultCheckInCadenceChanged',
      data: { keyResultId: 'kr-1', checkInCadence: 'fortnightly', previousCheckInCadence: null },
    };
    const first = given([added]).when(set);
    expect(first.summary).toBe("Check-in cadence of 'Reduce churn' changed from the tenant's to fortnightly by Ada Lovelace");
    expect(first.changes).toEqual({ checkInCadence: { from: null, to: 'fortnightly' } });
    const back = given([added, set]).when({
      streamId: kr,
      type: 'KeyResultCheckInCadenceChanged',
      data: { keyResultId: 'kr-1', checkInCadence: null, previousCheckInCadence: 'fortnightly' },
    });
    expect(back.summary).toBe("Check-in cadence of 'Reduce churn' changed from fortnightly to the tenant's by Ada Lovelace");
    expect(back.changes).toEqual({ checkInCadence: { from: 'fortnightly', to: null } });
  });

  it('KeyResultRemoved: removed from its objective', () => {
    const entry = given([added]).when({ streamId: kr, type: 'KeyResultRemoved', data: { keyResultId: 'kr-1', removedAt: SCENARIO_TIME } });
    expect(entry.summary).toBe("Key result 'Reduce churn' removed from 'Keep customers' by Ada Lovelace");
    expect(entry.changes).toEqual({ removed: { from: false, to: true } });
  });
});
