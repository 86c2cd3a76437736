import { START } from '@eventstore/db-client';
import { StoredEvent } from '../event-store.port';
import {
  attachExactPosition,
  checkpointToPosition,
  comparePositions,
  eventStoreDbPositionOf,
  exactNumber,
  MISSING_POSITION,
  readPositionAfter,
  samePosition,
  toPortPosition,
} from './position-mapping';

describe('position mapping', () => {
  it("takes the prepare position as the port's position", () => {
    expect(toPortPosition({ commit: 4242n, prepare: 4242n }, 'e')).toBe(4242);
    // An event of an explicit transaction: commit record after the prepares.
    expect(toPortPosition({ commit: 9000n, prepare: 8000n }, 'e')).toBe(8000);
  });

  it('converts exactly up to Number.MAX_SAFE_INTEGER and throws beyond, never rounding', () => {
    const max = BigInt(Number.MAX_SAFE_INTEGER);
    expect(toPortPosition({ commit: max, prepare: max }, 'e')).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => toPortPosition({ commit: max + 2n, prepare: max + 1n }, 'event 3 of s')).toThrow(
      /9007199254740992 cannot be represented exactly/,
    );
    expect(exactNumber(0n, 'x')).toBe(0);
    expect(() => exactNumber(-5n, 'x')).toThrow(RangeError);
    expect(() => exactNumber(5 as unknown as bigint, 'x')).toThrow(TypeError);
  });

  it('says clearly when the server sent no position (older servers on stream reads)', () => {
    expect(() => toPortPosition(undefined, 'event 0 of s')).toThrow(/no position for event 0 of s.*22\.10/);
    expect(() => toPortPosition({ commit: MISSING_POSITION, prepare: MISSING_POSITION }, 'e')).toThrow(/no position/);
    expect(MISSING_POSITION).toBe(18446744073709551615n);
  });

  it('refuses inconsistent positions and position 0', () => {
    expect(() => toPortPosition({ commit: 10n, prepare: 11n }, 'e')).toThrow(/inconsistent/);
    expect(() => toPortPosition({ commit: 0n, prepare: 0n }, 'e')).toThrow(/>= 1/);
  });

  it('resumes after a checkpoint p from {commit: p, prepare: p}, and from the start after 0', () => {
    expect(readPositionAfter(0)).toBe(START);
    expect(readPositionAfter(1234)).toEqual({ commit: 1234n, prepare: 1234n });
    expect(checkpointToPosition(77)).toEqual({ commit: 77n, prepare: 77n });
    expect(() => readPositionAfter(-1)).toThrow(RangeError);
    expect(() => readPositionAfter(1.5)).toThrow(RangeError);
    expect(() => checkpointToPosition(0)).toThrow(RangeError);
  });

  it('a resume position never sorts after an event with a greater prepare position (commit >= prepare)', () => {
    const checkpoint = 5000;
    const resume = checkpointToPosition(checkpoint);
    const later = [
      { commit: 5001n, prepare: 5001n },
      { commit: 7000n, prepare: 5500n }, // explicit transaction, committed later
    ];
    for (const position of later) expect(comparePositions(resume, position)).toBeLessThan(0);
  });

  it('orders positions as $all does: commit, then prepare', () => {
    expect(comparePositions({ commit: 1n, prepare: 1n }, { commit: 2n, prepare: 0n })).toBe(-1);
    expect(comparePositions({ commit: 2n, prepare: 3n }, { commit: 2n, prepare: 2n })).toBe(1);
    expect(comparePositions({ commit: 2n, prepare: 2n }, { commit: 2n, prepare: 2n })).toBe(0);
    expect(samePosition({ commit: 2n, prepare: 2n }, { commit: 2n, prepare: 2n })).toBe(true);
    expect(samePosition({ commit: 2n, prepare: 1n }, { commit: 2n, prepare: 2n })).toBe(false);
  });

  it('attaches the exact position to an event without changing its JSON or its equality', () => {
    const event: StoredEvent = {
      streamId: 's',
      revision: 0,
      position: 99,
      type: 'T',
      data: { a: 1 },
      metadata: { eventId: 'e' } as StoredEvent['metadata'],
    };
    const plain = { ...event };
    attachExactPosition(event, { commit: 99n, prepare: 99n });
    expect(eventStoreDbPositionOf(event)).toEqual({ commit: 99n, prepare: 99n });
    expect(Object.keys(event)).toEqual(Object.keys(plain));
    expect(JSON.stringify(event)).toBe(JSON.stringify(plain));
    expect(event).toEqual(plain);
    expect(eventStoreDbPositionOf(plain)).toBeUndefined();
    expect(Object.isFrozen(eventStoreDbPositionOf(event))).toBe(true);
  });
});
