import { fold } from '../common/decider';
import { keyResultDecider } from '../key-result/key-result.decider';
import { KeyResultEvent } from '../key-result/key-result.events';
import { CURRENT_SCHEMA_VERSION, schemaVersionOf, upcastData } from './upcast';
import { UnsupportedSchemaVersionError } from './unsupported-schema-version.error';

const RECORDED_AT = '2026-01-12T09:30:00.000Z';
const v1Data = { keyResultId: 'kr1', checkInId: 'ci1', value: 40, confidence: 0.8, note: 'first shape' };
const checkIn = (data: unknown, schemaVersion: number | undefined, recordedAt: string | undefined = RECORDED_AT) => ({
  type: 'KeyResultCheckedIn',
  data,
  metadata: { schemaVersion, recordedAt },
});

describe('schema versions', () => {
  it('writes KeyResultCheckedIn and KeyResultAdded as version 2 and every other type as version 1', () => {
    expect(CURRENT_SCHEMA_VERSION).toEqual({ KeyResultCheckedIn: 2, KeyResultAdded: 2 });
    expect(schemaVersionOf('KeyResultCheckedIn')).toBe(2);
    expect(schemaVersionOf('KeyResultAdded')).toBe(2);
    expect(schemaVersionOf('KeyResultRenamed')).toBe(1);
    expect(schemaVersionOf('NoSuchEvent')).toBe(1);
  });
});

describe('KeyResultAdded v1 → v2', () => {
  const v1Added = {
    keyResultId: 'kr1',
    objectiveId: 'o1',
    title: 'NPS',
    metric: { type: 'increase', start: 0, target: 100, unit: null },
    weight: 1,
    ownerId: null,
    carriedOverFrom: null,
  };
  const added = (data: unknown, schemaVersion: number | undefined) => ({ type: 'KeyResultAdded', data, metadata: { schemaVersion } });

  it('gives a key result added before cadences existed the tenant cadence (null), without changing the stored data', () => {
    const stored = { ...v1Added };
    expect(upcastData(added(stored, 1))).toEqual({ ...v1Added, checkInCadence: null });
    expect(upcastData(added(stored, undefined))).toEqual({ ...v1Added, checkInCadence: null });
    expect('checkInCadence' in stored).toBe(false);
  });

  it('returns a v2 event untouched (the same object)', () => {
    const data = { ...v1Added, checkInCadence: 'monthly' };
    expect(upcastData(added(data, 2))).toBe(data);
  });
});

describe('KeyResultCheckedIn v1 → v2', () => {
  it('gives a v1 check-in without effectiveAt the time it was recorded', () => {
    expect(upcastData(checkIn(v1Data, 1))).toEqual({ ...v1Data, effectiveAt: RECORDED_AT });
  });

  it('reads a missing schemaVersion as version 1', () => {
    expect(upcastData(checkIn(v1Data, undefined))).toEqual({ ...v1Data, effectiveAt: RECORDED_AT });
  });

  it('keeps the effectiveAt of a v1 check-in that already has one (backdated before the bump)', () => {
    const data = { ...v1Data, effectiveAt: '2026-01-05T00:00:00.000Z' };
    expect(upcastData(checkIn(data, 1))).toEqual(data);
  });

  it('does not change the stored data', () => {
    const data = { ...v1Data };
    upcastData(checkIn(data, 1));
    expect(data).toEqual(v1Data);
    expect('effectiveAt' in data).toBe(false);
  });

  it('returns a v2 check-in untouched (the same object)', () => {
    const data = { ...v1Data, effectiveAt: '2026-01-05T00:00:00.000Z' };
    expect(upcastData(checkIn(data, 2))).toBe(data);
  });

  it('refuses a v1 check-in without effectiveAt and without recordedAt with a clear error', () => {
    const withoutRecordedAt = { type: 'KeyResultCheckedIn', data: v1Data, metadata: { schemaVersion: 1 } };
    expect(() => upcastData(withoutRecordedAt)).toThrow(/KeyResultCheckedIn v1 event without effectiveAt has no metadata.recordedAt/);
  });

  it('lets the decider fold v1 check-ins once upcast: the latest effective one is current', () => {
    const added: KeyResultEvent = {
      type: 'KeyResultAdded',
      data: {
        keyResultId: 'kr1',
        objectiveId: 'o1',
        title: 'NPS',
        metric: { type: 'increase', start: 0, target: 100, unit: null },
        weight: 1,
        ownerId: null,
        carriedOverFrom: null,
        checkInCadence: null,
      },
    };
    const stored = [
      checkIn({ ...v1Data, checkInId: 'a', value: 10 }, 1, '2026-01-10T00:00:00.000Z'),
      checkIn({ ...v1Data, checkInId: 'b', value: 30 }, 1, '2026-01-20T00:00:00.000Z'),
      // recorded last, but backdated before b by the pre-bump code: b stays current
      checkIn({ ...v1Data, checkInId: 'c', value: 20, effectiveAt: '2026-01-15T00:00:00.000Z' }, 1, '2026-01-25T00:00:00.000Z'),
    ];
    const events = [added, ...stored.map((e) => ({ type: e.type, data: upcastData(e) }) as KeyResultEvent)];
    const state = fold(keyResultDecider, events);
    if (!state.exists) throw new Error('expected an existing key result');
    expect(state.checkInCount).toBe(3);
    expect(state.current).toMatchObject({ value: 30, effectiveAt: '2026-01-20T00:00:00.000Z' });
  });
});

describe('versions this code cannot read', () => {
  it('refuses a version newer than the current one of its type, naming type and versions', () => {
    const attempt = () => upcastData(checkIn({ ...v1Data, effectiveAt: RECORDED_AT }, 3));
    expect(attempt).toThrow(UnsupportedSchemaVersionError);
    expect(attempt).toThrow('KeyResultCheckedIn event with schemaVersion 3: this code reads versions 1 to 2 of KeyResultCheckedIn');
  });

  it('refuses version 2 of a type that is still at version 1', () => {
    expect(() => upcastData({ type: 'KeyResultRenamed', data: {}, metadata: { schemaVersion: 2 } })).toThrow(UnsupportedSchemaVersionError);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses schemaVersion %p', (version) => {
    expect(() => upcastData(checkIn(v1Data, version))).toThrow(UnsupportedSchemaVersionError);
  });

  it('passes version 1 of an unversioned type through untouched', () => {
    const data = { teamId: 't1', name: 'Growth' };
    expect(upcastData({ type: 'TeamCreated', data, metadata: { schemaVersion: 1 } })).toBe(data);
  });
});
