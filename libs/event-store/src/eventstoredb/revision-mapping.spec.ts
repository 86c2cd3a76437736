import { ANY, NO_STREAM } from '@eventstore/db-client';
import { fromCurrentRevision, toAppendExpectedRevision, toReadRevision, toRevision } from './revision-mapping';

describe('revision mapping', () => {
  it("maps the port's expected revisions to the client's: 'any' → ANY, 'no_stream' and -1 → NO_STREAM, n → BigInt(n)", () => {
    expect(toAppendExpectedRevision('any')).toBe(ANY);
    expect(toAppendExpectedRevision('no_stream')).toBe(NO_STREAM);
    expect(toAppendExpectedRevision(-1)).toBe(NO_STREAM);
    expect(toAppendExpectedRevision(0)).toBe(0n);
    expect(toAppendExpectedRevision(41)).toBe(41n);
    expect(toAppendExpectedRevision(Number.MAX_SAFE_INTEGER)).toBe(9007199254740991n);
  });

  it('rejects expected revisions the port does not define', () => {
    for (const bad of [-2, 1.5, Number.NaN, Infinity, Number.MAX_SAFE_INTEGER + 1, 'stream_exists', '3', null]) {
      expect(() => toAppendExpectedRevision(bad as never)).toThrow(RangeError);
    }
  });

  it('converts revisions from bigint exactly, and refuses what a JS number cannot hold', () => {
    expect(toRevision(0n)).toBe(0);
    expect(toRevision(123n)).toBe(123);
    expect(toRevision(9007199254740991n)).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => toRevision(9007199254740992n)).toThrow(/cannot be represented exactly/);
    expect(() => toRevision(-1n)).toThrow(RangeError);
  });

  it("maps the stream's current revision of a wrong-expected-version to the port's (-1 for no stream)", () => {
    expect(fromCurrentRevision(NO_STREAM)).toBe(-1);
    expect(fromCurrentRevision(0n)).toBe(0);
    expect(fromCurrentRevision(17n)).toBe(17);
    expect(() => fromCurrentRevision(ANY)).toThrow(/Unexpected current revision/);
  });

  it('maps fromRevision to the read revision', () => {
    expect(toReadRevision(0)).toBe(0n);
    expect(toReadRevision(12)).toBe(12n);
    expect(() => toReadRevision(-1)).toThrow(RangeError);
    expect(() => toReadRevision(0.5)).toThrow(RangeError);
  });
});
