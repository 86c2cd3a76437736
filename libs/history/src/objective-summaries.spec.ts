import { SCENARIO_TIME, ScenarioEvent, given } from './testing/history-scenario';

const obj = 'objective-obj-1';
const created: ScenarioEvent = {
  streamId: obj,
  type: 'ObjectiveCreated',
  data: {
    objectiveId: 'obj-1',
    cycleId: 'cycle-q1',
    title: 'Keep customers',
    description: null,
    ownerId: 'user-bob',
    teamId: 'team-growth',
    kind: 'committed',
    carriedOverFrom: null,
  },
};
const aligned: ScenarioEvent = {
  streamId: obj,
  type: 'ObjectiveAligned',
  data: { objectiveId: 'obj-1', parentObjectiveId: 'obj-parent', weight: 1, previousParentObjectiveId: null, previousWeight: null },
};

describe('history of objective events', () => {
  it('ObjectiveCreated: kind, team and owner named; fields from null', () => {
    const entry = given([]).when(created);
    expect(entry.summary).toBe(
      "Objective 'Keep customers' created in cycle '2026 Q1' (committed, team 'Growth', owner Bob Builder) by Ada Lovelace",
    );
    expect(entry.changes).toEqual({
      cycleId: { from: null, to: 'cycle-q1' },
      title: { from: null, to: 'Keep customers' },
      ownerId: { from: null, to: 'user-bob' },
      teamId: { from: null, to: 'team-growth' },
      kind: { from: null, to: 'committed' },
      status: { from: null, to: 'open' },
    });
  });

  it('ObjectiveCreated by carry-over names its origin', () => {
    const entry = given([]).when({
      ...created,
      data: { ...(created.data as object), cycleId: 'cycle-q2', ownerId: null, teamId: null, carriedOverFrom: 'obj-other' },
    });
    expect(entry.summary).toBe(
      "Objective 'Keep customers' created in cycle '2026 Q2' carried over from 'Grow revenue' (committed) by Ada Lovelace",
    );
    expect(entry.changes.carriedOverFrom).toEqual({ from: null, to: 'obj-other' });
  });

  it('ObjectiveEdited: each changed field from → to, under the title it had', () => {
    const entry = given([created]).when({
      streamId: obj,
      type: 'ObjectiveEdited',
      data: {
        objectiveId: 'obj-1',
        changes: { title: 'Keep every customer', ownerId: null },
        previous: { title: 'Keep customers', ownerId: 'user-bob' },
      },
    });
    expect(entry.summary).toBe(
      "Title of objective 'Keep customers' changed from 'Keep customers' to 'Keep every customer', owner from Bob Builder to nobody by Ada Lovelace",
    );
    expect(entry.changes).toEqual({
      title: { from: 'Keep customers', to: 'Keep every customer' },
      ownerId: { from: 'user-bob', to: null },
    });
  });

  it('ObjectiveEdited: description and team', () => {
    const entry = given([created]).when({
      streamId: obj,
      type: 'ObjectiveEdited',
      data: {
        objectiveId: 'obj-1',
        changes: { description: 'Churn is our biggest leak', teamId: 'team-company' },
        previous: { description: null, teamId: 'team-growth' },
      },
    });
    expect(entry.summary).toBe(
      "Description of objective 'Keep customers' changed from none to 'Churn is our biggest leak', team from 'Growth' to 'Company' by Ada Lovelace",
    );
    expect(entry.changes).toEqual({
      description: { from: null, to: 'Churn is our biggest leak' },
      teamId: { from: 'team-growth', to: 'team-company' },
    });
  });

  it('ObjectiveAligned: first alignment', () => {
    const entry = given([created]).when(aligned);
    expect(entry.summary).toBe("'Keep customers' aligned under 'Win the market' with weight 1 by Ada Lovelace");
    expect(entry.changes).toEqual({ parentObjectiveId: { from: null, to: 'obj-parent' }, alignmentWeight: { from: null, to: 1 } });
  });

  it('ObjectiveAligned: realignment to another parent', () => {
    const entry = given([created, aligned]).when({
      streamId: obj,
      type: 'ObjectiveAligned',
      data: { objectiveId: 'obj-1', parentObjectiveId: 'obj-other', weight: 2, previousParentObjectiveId: 'obj-parent', previousWeight: 1 },
    });
    expect(entry.summary).toBe("'Keep customers' realigned from 'Win the market' to 'Grow revenue' with weight 2 by Ada Lovelace");
    expect(entry.changes).toEqual({ parentObjectiveId: { from: 'obj-parent', to: 'obj-other' }, alignmentWeight: { from: 1, to: 2 } });
  });

  it('ObjectiveAligned: a new weight under the same parent', () => {
    const entry = given([created, aligned]).when({
      streamId: obj,
      type: 'ObjectiveAligned',
      data: {
        objectiveId: 'obj-1',
        parentObjectiveId: 'obj-parent',
        weight: 3,
        previousParentObjectiveId: 'obj-parent',
        previousWeight: 1,
      },
    });
    expect(entry.summary).toBe("Alignment weight of 'Keep customers' under 'Win the market' changed from 1 to 3 by Ada Lovelace");
    expect(entry.changes).toEqual({ alignmentWeight: { from: 1, to: 3 } });
  });

  it('ObjectiveUnaligned', () => {
    const entry = given([created, aligned]).when({
      streamId: obj,
      type: 'ObjectiveUnaligned',
      data: { objectiveId: 'obj-1', previousParentObjectiveId: 'obj-parent', previousWeight: 1 },
    });
    expect(entry.summary).toBe("'Keep customers' no longer aligned under 'Win the market' by Ada Lovelace");
    expect(entry.changes).toEqual({ parentObjectiveId: { from: 'obj-parent', to: null }, alignmentWeight: { from: 1, to: null } });
  });

  it('ObjectiveClosed: by hand with a score, or with its cycle with a computed one', () => {
    const manual = given([created]).when({
      streamId: obj,
      type: 'ObjectiveClosed',
      data: { objectiveId: 'obj-1', score: 0.8, scoreSource: 'explicit', keyResultScores: [], reason: 'manual', closedAt: SCENARIO_TIME },
    });
    expect(manual.summary).toBe("Objective 'Keep customers' closed with score 80 % by Ada Lovelace");
    expect(manual.changes).toEqual({ status: { from: 'open', to: 'closed' }, score: { from: null, to: 0.8 } });
    const withCycle = given([created]).when({
      streamId: obj,
      type: 'ObjectiveClosed',
      data: {
        objectiveId: 'obj-1',
        score: 0.45,
        scoreSource: 'computed',
        keyResultScores: [],
        reason: 'cycle_closed',
        closedAt: SCENARIO_TIME,
      },
    });
    expect(withCycle.summary).toBe(
      "Objective 'Keep customers' closed with its cycle with score 45 % (the weighted mean of its key results' scores) by Ada Lovelace",
    );
  });

  it('ObjectiveArchived: status to archived', () => {
    const entry = given([created]).when({
      streamId: obj,
      type: 'ObjectiveArchived',
      data: { objectiveId: 'obj-1', archivedAt: SCENARIO_TIME, previousStatus: 'open' },
    });
    expect(entry.summary).toBe("Objective 'Keep customers' archived by Ada Lovelace");
    expect(entry.changes).toEqual({ status: { from: 'open', to: 'archived' } });
  });

  it('ObjectiveCarriedOver: the new cycle and how many key results went along', () => {
    const entry = given([created]).when({
      streamId: obj,
      type: 'ObjectiveCarriedOver',
      data: { objectiveId: 'obj-1', toObjectiveId: 'obj-next', toCycleId: 'cycle-q2', keyResultIds: ['a', 'b'] },
    });
    expect(entry.summary).toBe("Objective 'Keep customers' carried over to cycle '2026 Q2' with 2 key results by Ada Lovelace");
    expect(entry.changes).toEqual({ carriedOverTo: { from: [], to: ['obj-next'] } });
  });
});
