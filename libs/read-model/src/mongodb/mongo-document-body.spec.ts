import { BSON } from 'mongodb';
import { bodyOf, isBsonSafe, MAX_NESTED_DEPTH, MAX_STORED_BYTES, storedBodyOf } from './mongo-document-body';

/** What the driver does to a stored body on the way to the server and back. */
const throughBson = (body: object) => BSON.deserialize(BSON.serialize(body));
const jsonRoundTrip = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('storedBodyOf', () => {
  it('stores a body as a nested document when BSON keeps it exactly', () => {
    const doc = {
      id: 'o1',
      version: 3,
      title: 'Grow — 𝔾𝕣𝕠𝕨 "quoted" \\ back\nslash',
      numbers: [0, -12.75, 9007199254740991, 2147483648, -2147483649, 1e-7, 1e300],
      flags: [true, false, null],
      nested: { deep: { deeper: { list: [[], {}] } } },
      nul: 'a\u0000b',
    };
    const stored = storedBodyOf(JSON.stringify(doc), 'doc');
    expect(Object.keys(stored)).toEqual(['doc']);
    const back = bodyOf<object>(throughBson(stored));
    expect(back).toEqual(jsonRoundTrip(doc));
    expect(Object.keys(back)).toEqual(Object.keys(doc));
  });

  it('stores it as JSON text when BSON would change or refuse it, and reads both forms back exactly', () => {
    const unsafe: Record<string, unknown>[] = [
      { id: 'a', $price: 1 },
      { id: 'b', nested: { $set: { x: 1 } } },
      { id: 'c', 'dotted.key': 1 },
      { id: 'd', '': 'empty key' },
      { id: 'e', 'nul\u0000key': 1 },
      { id: 'f', text: 'lone \ud800 surrogate' },
      { id: 'g', list: ['ok', '\udc00'] },
      { id: 'h', ['\ud83d']: 'lone high surrogate key' },
    ];
    for (const doc of unsafe) {
      const json = JSON.stringify(doc);
      const stored = storedBodyOf(json, 'doc');
      expect([doc.id, Object.keys(stored)]).toEqual([doc.id, ['json']]);
      expect(bodyOf(throughBson(stored))).toEqual(jsonRoundTrip(doc));
    }
    // What BSON would have done to the lone surrogate:
    expect(throughBson({ text: 'lone \ud800 surrogate' }).text).toBe('lone \ufffd surrogate');
  });

  it('keeps a "__proto__" key as data in both forms', () => {
    const json = '{"id":"p","__proto__":{"polluted":true},"x":1}';
    const back = bodyOf<Record<string, unknown>>(throughBson(storedBodyOf(json, 'doc')));
    expect(Object.keys(back)).toEqual(['id', '__proto__', 'x']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('falls back to JSON text beyond MAX_NESTED_DEPTH levels of nesting', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < MAX_NESTED_DEPTH + 1; i++) deep = { d: deep };
    expect(Object.keys(storedBodyOf(JSON.stringify({ id: 'x', deep }), 'doc'))).toEqual(['json']);
    let shallow: unknown = 'leaf';
    for (let i = 0; i < MAX_NESTED_DEPTH - 2; i++) shallow = [shallow];
    expect(Object.keys(storedBodyOf(JSON.stringify({ id: 'x', shallow }), 'doc'))).toEqual(['doc']);
  });

  it('measures large bodies: JSON text when the nested form is too big, a RangeError when both are', () => {
    // Small numbers in a long array: cheap as JSON, about six times bigger as BSON (each element has a key).
    const manyNumbers = { id: 'n', list: Array.from({ length: 1_500_000 }, () => 0) };
    const json = JSON.stringify(manyNumbers);
    expect(BSON.calculateObjectSize({ doc: manyNumbers })).toBeGreaterThan(MAX_STORED_BYTES);
    const stored = storedBodyOf(json, 'doc');
    expect(Object.keys(stored)).toEqual(['json']);

    const huge = JSON.stringify({ id: 'h', text: 'x'.repeat(17 * 1024 * 1024) });
    expect(() => storedBodyOf(huge, 'Document h of collection c')).toThrow(RangeError);
    expect(() => storedBodyOf(huge, 'Document h of collection c')).toThrow(/Document h of collection c is \d+ bytes as BSON/);
  });
});

describe('bodyOf', () => {
  it('reads the nested form, else parses the JSON form, else fails clearly', () => {
    expect(bodyOf({ doc: { id: 'a' } })).toEqual({ id: 'a' });
    expect(bodyOf({ json: '{"id":"b"}' })).toEqual({ id: 'b' });
    expect(() => bodyOf({})).toThrow(/no body/);
  });
});

describe('isBsonSafe', () => {
  it('accepts JSON scalars, arrays and objects with plain keys', () => {
    expect(isBsonSafe({ a: [1, 'x', null, true, { b: 2 }] }, 0)).toBe(true);
    expect(isBsonSafe('😀 paired surrogates', 0)).toBe(true);
  });
});
