import type { EventData, JSONEventData, Position, RecordedEvent } from '@eventstore/db-client';
import { EventToAppend } from '../event-store.port';
import { testEvent } from '../testing/test-events';
import { toEventData, toStoredEvent } from './event-encoding';
import { eventStoreDbPositionOf } from './position-mapping';
import { StreamNaming } from './stream-naming';

const naming = new StreamNaming('okr');
const ESDB_ID = '2ed6657d-e927-568b-95e1-2665a8aea6a2';

/** What goes over the wire and comes back: the client JSON.stringifies data and metadata, and JSON.parses them on reads. */
function throughTheWire(eventData: EventData, streamName: string, revision: bigint, position: Position | undefined): RecordedEvent {
  const json = eventData as JSONEventData;
  return {
    streamId: streamName,
    id: json.id,
    revision,
    type: json.type,
    isJson: true,
    created: new Date(),
    data: JSON.parse(JSON.stringify(json.data)),
    metadata: JSON.parse(JSON.stringify(json.metadata)),
    position,
  } as RecordedEvent;
}

function roundTrip(event: EventToAppend) {
  const recorded = throughTheWire(toEventData(event, ESDB_ID), 'okr.objective-1', 3n, { commit: 8192n, prepare: 8192n });
  return toStoredEvent(recorded, naming);
}

describe('event encoding', () => {
  it('stores type, data and metadata as JSON with the given EventStoreDB id', () => {
    const event = testEvent('ObjectiveCreated', { title: 'Grow' });
    const data = toEventData(event, ESDB_ID) as JSONEventData;
    expect(data).toEqual({
      id: ESDB_ID,
      contentType: 'application/json',
      type: 'ObjectiveCreated',
      data: { title: 'Grow' },
      metadata: event.metadata,
    });
  });

  it('round-trips metadata exactly, extra keys included, and adds nothing to it', () => {
    const extra = { traceId: 'trace-7', labels: ['a', 'b'], nested: { deep: [1, { x: null }] }, schemaVersion: 2, note: 'ünïcødé ✓' };
    const event = testEvent('KeyResultAdded', { target: 42.5 }, extra);
    const read = roundTrip(event);
    expect(read.metadata).toEqual(event.metadata);
    expect(Object.keys(read.metadata)).toEqual(Object.keys(event.metadata));
    expect(read.metadata).not.toBe(event.metadata);
  });

  it('round-trips any JSON data: objects, arrays, strings, numbers, booleans, null', () => {
    for (const data of [{ a: { b: [1, 2, { c: true }] } }, [1, 'two', null], 'just a string', '', 0, -12.75, true, false, null]) {
      expect(roundTrip(testEvent('T', data)).data).toEqual(data);
    }
  });

  it('gives what JSON gives for the rest, like every adapter: undefined data → null, Dates → strings, undefined keys dropped', () => {
    expect(roundTrip(testEvent('T', undefined)).data).toBeNull();
    const when = new Date('2025-03-01T10:00:00.000Z');
    const read = roundTrip(testEvent('T', { when, gone: undefined }, { at: when, dropped: undefined }));
    expect(read.data).toEqual({ when: '2025-03-01T10:00:00.000Z' });
    expect(read.metadata.at).toBe('2025-03-01T10:00:00.000Z');
    expect('dropped' in read.metadata).toBe(false);
  });

  it('takes a private copy at once: changing the appended objects later changes nothing', () => {
    const event = testEvent('T', { list: [1] });
    const encoded = toEventData(event, ESDB_ID) as JSONEventData;
    (event.data as { list: number[] }).list.push(2);
    event.metadata.actorId = 'someone-else';
    expect(encoded.data).toEqual({ list: [1] });
    expect((encoded.metadata as { actorId: string }).actorId).toBe('user-1');
  });

  it('refuses, before anything is sent, data that JSON cannot hold and types EventStoreDB reserves', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => toEventData(testEvent('T', circular), ESDB_ID)).toThrow(TypeError);
    expect(() => toEventData(testEvent('T', { big: 1n }), ESDB_ID)).toThrow(TypeError);
    expect(() => toEventData(testEvent('$metadata', {}), ESDB_ID)).toThrow(/reserves for system events/);
  });

  it("reads back the port's stream id, revision and position, with the exact EventStoreDB position attached", () => {
    const event = testEvent('T', 1);
    const recorded = throughTheWire(toEventData(event, ESDB_ID), 'okr.keyresult-9', 12n, { commit: 70000n, prepare: 70000n });
    const read = toStoredEvent(recorded, naming);
    expect(read).toEqual({ streamId: 'keyresult-9', revision: 12, position: 70000, type: 'T', data: 1, metadata: event.metadata });
    expect(eventStoreDbPositionOf(read)).toEqual({ commit: 70000n, prepare: 70000n });
  });

  it('refuses events this adapter cannot have written, with a message naming them', () => {
    const good = throughTheWire(toEventData(testEvent('T', 1), ESDB_ID), 'okr.s-1', 0n, { commit: 10n, prepare: 10n });
    expect(() => toStoredEvent({ ...good, isJson: false } as RecordedEvent, naming)).toThrow(/event 0 of stream s-1 is not JSON/);
    expect(() => toStoredEvent({ ...good, metadata: undefined } as RecordedEvent, naming)).toThrow(/no JSON metadata with an eventId/);
    expect(() => toStoredEvent({ ...good, metadata: { tenantId: 't' } } as RecordedEvent, naming)).toThrow(/eventId/);
    expect(() => toStoredEvent({ ...good, metadata: Uint8Array.from([1, 2]) } as RecordedEvent, naming)).toThrow(/eventId/);
    expect(() => toStoredEvent({ ...good, metadata: ['eventId'] } as unknown as RecordedEvent, naming)).toThrow(/eventId/);
    expect(() => toStoredEvent({ ...good, streamId: 'billing-1' } as RecordedEvent, naming)).toThrow(/does not belong/);
    expect(() => toStoredEvent({ ...good, position: undefined } as RecordedEvent, naming)).toThrow(/no position/);
    expect(() => toStoredEvent({ ...good, revision: 2n ** 60n } as RecordedEvent, naming)).toThrow(/cannot be represented exactly/);
  });
});
