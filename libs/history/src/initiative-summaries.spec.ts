import { ScenarioEvent, given } from './testing/history-scenario';

const ini = 'initiative-ini-1';
const created: ScenarioEvent = {
  streamId: ini,
  type: 'InitiativeCreated',
  data: { initiativeId: 'ini-1', title: 'Win-back emails', ownerId: 'user-bob', keyResultIds: ['kr-1', 'kr-2'], status: 'planned' },
};

describe('history of initiative events', () => {
  it('InitiativeCreated: owner and linked key results named', () => {
    const entry = given([]).when(created);
    expect(entry.summary).toBe(
      "Initiative 'Win-back emails' (owner Bob Builder) created, linked to 'Reduce churn' and 'Signups', by Ada Lovelace",
    );
    expect(entry.changes).toEqual({
      title: { from: null, to: 'Win-back emails' },
      ownerId: { from: null, to: 'user-bob' },
      status: { from: null, to: 'planned' },
      keyResultIds: { from: null, to: ['kr-1', 'kr-2'] },
    });
  });

  it('InitiativeEdited: title and owner from → to', () => {
    const entry = given([created]).when({
      streamId: ini,
      type: 'InitiativeEdited',
      data: {
        initiativeId: 'ini-1',
        changes: { title: 'Win-back campaign', ownerId: 'user-ada' },
        previous: { title: 'Win-back emails', ownerId: 'user-bob' },
      },
    });
    expect(entry.summary).toBe(
      "Title of initiative 'Win-back emails' changed from 'Win-back emails' to 'Win-back campaign', owner from Bob Builder to Ada Lovelace by Ada Lovelace",
    );
    expect(entry.changes).toEqual({
      title: { from: 'Win-back emails', to: 'Win-back campaign' },
      ownerId: { from: 'user-bob', to: 'user-ada' },
    });
  });

  it('InitiativeKeyResultLinked / Unlinked: the list of links from → to', () => {
    const unlinked: ScenarioEvent = {
      streamId: ini,
      type: 'InitiativeKeyResultUnlinked',
      data: { initiativeId: 'ini-1', keyResultId: 'kr-2' },
    };
    const entry = given([created]).when(unlinked);
    expect(entry.summary).toBe("Initiative 'Win-back emails' unlinked from key result 'Signups' by Ada Lovelace");
    expect(entry.changes).toEqual({ keyResultIds: { from: ['kr-1', 'kr-2'], to: ['kr-1'] } });
    const linked = given([created, unlinked]).when({
      streamId: ini,
      type: 'InitiativeKeyResultLinked',
      data: { initiativeId: 'ini-1', keyResultId: 'kr-2' },
    });
    expect(linked.summary).toBe("Initiative 'Win-back emails' linked to key result 'Signups' by Ada Lovelace");
    expect(linked.changes).toEqual({ keyResultIds: { from: ['kr-1'], to: ['kr-1', 'kr-2'] } });
  });

  it('InitiativeStatusChanged: status in words', () => {
    const entry = given([created]).when({
      streamId: ini,
      type: 'InitiativeStatusChanged',
      data: { initiativeId: 'ini-1', status: 'in_progress', previousStatus: 'planned' },
    });
    expect(entry.summary).toBe("Status of initiative 'Win-back emails' changed from planned to in progress by Ada Lovelace");
    expect(entry.changes).toEqual({ status: { from: 'planned', to: 'in_progress' } });
  });
});
