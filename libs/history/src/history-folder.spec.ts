import { OKR_EVENT_TYPES } from '@okr/domain';
import { describe as describeEvent } from './describe';
import { HistoryEvent } from './history-event';
import { HISTORY_EVENT_TYPES, HistoryFolder } from './history-folder';
import { MapNameBook, RecordingNameBook } from './name-book';

function event(streamId: string, revision: number, position: number, type: string, data: unknown, actorId = 'u1'): HistoryEvent {
  return { streamId, revision, position, type, data, metadata: { actorId, tenantId: 't1', recordedAt: '2026-01-05T00:00:00.000Z' } };
}

describe('HistoryFolder', () => {
  it('keeps one state per stream when streams interleave in log order', () => {
    const folder = new HistoryFolder();
    folder.apply(
      event('keyresult-a', 0, 1, 'KeyResultAdded', {
        keyResultId: 'a',
        objectiveId: 'o',
        title: 'A',
        metric: { type: 'increase', start: 0, target: 10, unit: null },
        weight: 1,
        ownerId: null,
        carriedOverFrom: null,
      }),
    );
    folder.apply(
      event('keyresult-b', 0, 2, 'KeyResultAdded', {
        keyResultId: 'b',
        objectiveId: 'o',
        title: 'B',
        metric: { type: 'increase', start: 0, target: 5, unit: null },
        weight: 1,
        ownerId: null,
        carriedOverFrom: null,
      }),
    );
    const changed = folder.apply(
      event('keyresult-a', 1, 3, 'KeyResultTargetChanged', { keyResultId: 'a', target: 12, previousTarget: 10, reason: 'why not' }),
    );
    expect(changed.before?.fields.target).toBe(10);
    expect(changed.after?.fields.target).toBe(12);
    expect(folder.state('keyresult-b')?.fields.target).toBe(5);
    expect(folder.foldedRevisions('keyresult-a')).toBe(2);
    expect(folder.foldedRevisions('keyresult-c')).toBe(0);
  });

  it('describes an event type it does not know without failing: no changes, a plain sentence', () => {
    const folder = new HistoryFolder();
    const entry = describeEvent(
      folder.apply(event('gadget-1', 0, 7, 'GadgetPolished', { shine: 3 })),
      new MapNameBook().set('user', 'u1', 'Ursula'),
    );
    expect(entry).toMatchObject({ position: 7, type: 'GadgetPolished', summary: 'GadgetPolished on gadget-1 by Ursula', changes: {} });
  });

  it("folds and describes every event type of the domain, in the domain's order (the audit trail lists them so)", () => {
    expect(HISTORY_EVENT_TYPES).toEqual(OKR_EVENT_TYPES);
    expect(HISTORY_EVENT_TYPES.slice(0, 3)).toEqual(['CycleScheduled', 'CycleClosed', 'TeamCreated']);
  });

  it('a recording first pass lists the names the entries need', () => {
    const folder = new HistoryFolder();
    const folded = folder.apply(
      event('initiative-i', 0, 1, 'InitiativeCreated', {
        initiativeId: 'i',
        title: 'I',
        ownerId: 'u2',
        keyResultIds: ['k1'],
        status: 'planned',
      }),
    );
    const book = new RecordingNameBook();
    describeEvent(folded, book);
    expect(book.wanted).toEqual(
      new Map([
        ['user', new Set(['u1', 'u2'])],
        ['keyResult', new Set(['k1'])],
      ]),
    );
  });
});

describe('HistoryFolder and schema evolution', () => {
  it('reads a first-version check-in (no effectiveAt) through the upcaster: effective when recorded', () => {
    const folder = new HistoryFolder();
    folder.apply(
      event('keyresult-a', 0, 1, 'KeyResultAdded', {
        keyResultId: 'a',
        objectiveId: 'o',
        title: 'A',
        metric: { type: 'increase', start: 0, target: 10, unit: null },
        weight: 1,
        ownerId: null,
        carriedOverFrom: null,
      }),
    );
    const old: HistoryEvent = {
      ...event('keyresult-a', 1, 2, 'KeyResultCheckedIn', { keyResultId: 'a', checkInId: 'c', value: 4, confidence: 0.5, note: null }),
      metadata: { actorId: 'u1', tenantId: 't1', recordedAt: '2026-01-05T00:00:00.000Z', schemaVersion: 1 },
    };
    const entry = describeEvent(folder.apply(old), new MapNameBook());
    expect(entry.effectiveAt).toBe('2026-01-05T00:00:00.000Z');
    expect(entry.changes).toEqual({ value: { from: 0, to: 4 }, confidence: { from: null, to: 0.5 } });
  });
});
