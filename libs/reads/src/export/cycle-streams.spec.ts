import { CycleStreams } from './cycle-streams';

describe('CycleStreams', () => {
  it('contains the cycle and the streams it was given, nothing else', () => {
    const streams = new CycleStreams('c1');
    streams.addObjective('o1');
    streams.addKeyResult('k1');
    streams.addInitiative('i1');
    expect(streams.streamIds()).toEqual(['cycle-c1', 'objective-o1', 'keyresult-k1', 'initiative-i1']);
    expect(streams.size).toBe(4);
    for (const id of ['cycle-c1', 'objective-o1', 'keyresult-k1', 'initiative-i1']) expect(streams.contains(id)).toBe(true);
    for (const id of ['cycle-c2', 'objective-o2', 'keyresult-k2', 'initiative-i2', 'team-o1', 'user-k1', 'tenant-default', 'c1']) {
      expect(streams.contains(id)).toBe(false);
    }
  });

  it('learns the streams that join the cycle from the events that make them join', () => {
    const streams = new CycleStreams('c1');
    expect(streams.admit('objective-o9', 'ObjectiveCreated', { objectiveId: 'o9', cycleId: 'c1' })).toBe(true);
    expect(streams.admit('objective-x', 'ObjectiveCreated', { objectiveId: 'x', cycleId: 'c2' })).toBe(false);
    expect(streams.admit('keyresult-k9', 'KeyResultAdded', { keyResultId: 'k9', objectiveId: 'o9' })).toBe(true);
    expect(streams.admit('keyresult-kx', 'KeyResultAdded', { keyResultId: 'kx', objectiveId: 'x' })).toBe(false);
    expect(streams.admit('initiative-i9', 'InitiativeCreated', { initiativeId: 'i9', keyResultIds: ['kx', 'k9'] })).toBe(true);
    expect(streams.admit('initiative-ix', 'InitiativeCreated', { initiativeId: 'ix', keyResultIds: ['kx'] })).toBe(false);
    expect(streams.admit('initiative-ix', 'InitiativeKeyResultLinked', { initiativeId: 'ix', keyResultId: 'k9' })).toBe(true);
    expect(streams.admit('initiative-ix', 'InitiativeStatusChanged', { initiativeId: 'ix', status: 'done' })).toBe(true);
    expect(streams.admit('keyresult-k9', 'KeyResultCheckedIn')).toBe(true);
    expect(streams.streamIds()).toEqual(['cycle-c1', 'objective-o9', 'keyresult-k9', 'initiative-i9', 'initiative-ix']);
  });

  it('ignores malformed data instead of failing', () => {
    const streams = new CycleStreams('c1');
    expect(streams.admit('objective-o1', 'ObjectiveCreated', { cycleId: 'c1' })).toBe(false);
    expect(streams.admit('initiative-i1', 'InitiativeCreated', { initiativeId: 'i1', keyResultIds: 'k1' })).toBe(false);
    expect(streams.size).toBe(1);
  });
});
