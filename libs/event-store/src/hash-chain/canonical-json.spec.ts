import { createHash } from 'node:crypto';
import { canonicalJson, compareCodePoints } from './canonical-json';
import { canonicalEventText, eventHash, GENESIS_HASH } from './event-hash';

describe('canonicalJson', () => {
  it('sorts object keys at every level and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('gives one text whatever the insertion order, integer-like keys included (sorted as text, not numbers)', () => {
    const one = { '10': 'ten', '2': 'two', b: 0, a: 0 };
    const other = { a: 0, b: 0, '2': 'two', '10': 'ten' };
    expect(canonicalJson(one)).toBe('{"10":"ten","2":"two","a":0,"b":0}');
    expect(canonicalJson(other)).toBe(canonicalJson(one));
    expect(canonicalJson({ b: [{ '9': 1, '10': 2, '-1': 3, '01': 4, '4294967295': 5, '4294967294': 6 }], a: 0 })).toBe(
      '{"a":0,"b":[{"-1":3,"01":4,"10":2,"4294967294":6,"4294967295":5,"9":1}]}',
    );
  });

  it('keeps array order and writes holes and undefined elements as null; leaves undefined members out', () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(canonicalJson([3, 1, undefined, , 2])).toBe('[3,1,null,null,2]');
    expect(canonicalJson({ a: undefined, b: 1, c: () => 1 })).toBe('{"b":1}');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
  });

  it('writes numbers as JSON.stringify does', () => {
    expect(canonicalJson([1, -1, 2.5, 0.1, 1e21, 1.5e-7, -0, 100, 3.14159, Number.MAX_SAFE_INTEGER])).toBe(
      '[1,-1,2.5,0.1,1e+21,1.5e-7,0,100,3.14159,9007199254740991]',
    );
    expect(canonicalJson({ n: Number.NaN, i: Number.POSITIVE_INFINITY })).toBe('{"i":null,"n":null}');
  });

  it('writes strings as JSON.stringify does: escapes, control characters, non-ASCII as itself, lone surrogates escaped', () => {
    expect(canonicalJson('a"b\\c\n\t\u0001')).toBe('"a\\"b\\\\c\\n\\t\\u0001"');
    expect(canonicalJson('€ – 日本 😀')).toBe('"€ – 日本 😀"');
    expect(canonicalJson('\ud800')).toBe('"\\ud800"');
  });

  it('sorts keys by code point, not by UTF-16 unit (U+10000 after U+FFFF)', () => {
    const astral = '\u{10000}';
    const high = '\uffff';
    // By UTF-16 units '\ud800\udc00' < '\uffff'; by code points it is the other way round.
    expect([astral, high].sort()).toEqual([astral, high]);
    expect(canonicalJson({ [astral]: 1, [high]: 2, a: 3 })).toBe(`{"a":3,"${high}":2,"${astral}":1}`);
    expect(compareCodePoints('a', 'ab')).toBeLessThan(0);
    expect(compareCodePoints(astral, high)).toBeGreaterThan(0);
    expect(compareCodePoints('é', 'é')).toBe(0);
  });

  it('equals canonicalJson of its own JSON round trip (Dates through toJSON)', () => {
    const value = { when: new Date('2026-01-02T03:04:05.000Z'), list: [{ b: 2, a: 1 }], text: 'x' };
    expect(canonicalJson(value)).toBe(canonicalJson(JSON.parse(JSON.stringify(value))));
    expect(canonicalJson(value)).toBe('{"list":[{"a":1,"b":2}],"text":"x","when":"2026-01-02T03:04:05.000Z"}');
  });

  it('refuses a BigInt and a cycle with a TypeError', () => {
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => canonicalJson(cycle)).toThrow(TypeError);
  });
});

describe('eventHash', () => {
  const content = {
    type: 'KeyResultCheckedIn',
    data: { value: 2.5, note: 'board asked' },
    tenantId: 't1',
    actorId: 'u1',
    recordedAt: '2026-01-01T00:00:00.000Z',
  };

  it('is SHA-256 (hex) over the UTF-8 bytes of the canonical text of the content and previous hash', () => {
    const text = canonicalEventText(content, 'abc');
    expect(text).toBe(
      '{"actorId":"u1","data":{"note":"board asked","value":2.5},"previousHash":"abc","recordedAt":"2026-01-01T00:00:00.000Z","tenantId":"t1","type":"KeyResultCheckedIn"}',
    );
    expect(text).toBe(canonicalJson({ ...content, previousHash: 'abc' }));
    expect(eventHash(content, 'abc')).toBe(createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex'));
    expect(eventHash(content, 'abc')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is deterministic and changes with every hashed field and with the previous hash', () => {
    const base = eventHash(content, GENESIS_HASH);
    expect(eventHash({ ...content, data: { note: 'board asked', value: 2.5 } }, GENESIS_HASH)).toBe(base);
    const variants = [
      eventHash({ ...content, type: 'Other' }, GENESIS_HASH),
      eventHash({ ...content, data: { value: 2.6, note: 'board asked' } }, GENESIS_HASH),
      eventHash({ ...content, tenantId: 't2' }, GENESIS_HASH),
      eventHash({ ...content, actorId: 'u2' }, GENESIS_HASH),
      eventHash({ ...content, recordedAt: '2026-01-01T00:00:00.001Z' }, GENESIS_HASH),
      eventHash(content, 'x'),
    ];
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
  });

  it('leaves absent fields out (events written without them still hash)', () => {
    expect(canonicalEventText({ type: 'A', data: null }, '')).toBe('{"data":null,"previousHash":"","type":"A"}');
  });

  it('a known vector (computed with sha256sum over the canonical text), for independent implementations', () => {
    const content = {
      type: 'A',
      data: { b: 1, a: [true, null, 'é'] },
      tenantId: 't',
      actorId: 'u',
      recordedAt: '2026-01-01T00:00:00.000Z',
    };
    expect(canonicalEventText(content, GENESIS_HASH)).toBe(
      '{"actorId":"u","data":{"a":[true,null,"é"],"b":1},"previousHash":"","recordedAt":"2026-01-01T00:00:00.000Z","tenantId":"t","type":"A"}',
    );
    expect(eventHash(content, GENESIS_HASH)).toBe('5d55425258b7e31f0af27498eed3110249ee05725121e6a6d29c32f018c26e5e');
  });
});
