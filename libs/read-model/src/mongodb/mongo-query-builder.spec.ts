import { FieldValue } from '../read-model.port';
import { compareFieldValues } from '../internal/field-values';
import { encodeCursor, planFind, SortKey } from '../internal/rules';
import { matches } from './testing/fake-mongo-database';
import {
  and,
  keysetCondition,
  keysetSegments,
  NOTHING,
  pathOf,
  scanFilter,
  sortOf,
  sortValuesOf,
  whereFilter,
} from './mongo-query-builder';
import { StoredDocument, storedFieldsOf } from './mongo-update-documents';

describe('whereFilter', () => {
  it('matches live documents by equality on fields.<f> or _id, with $in for several values', () => {
    expect(whereFilter([])).toEqual({ live: true });
    expect(whereFilter([{ field: 'status', values: ['open'] }])).toEqual({ $and: [{ live: true }, { 'fields.status': 'open' }] });
    expect(
      whereFilter([
        { field: 'owner', values: ['u1', null] },
        { field: 'id', values: ['a', 'b'] },
      ]),
    ).toEqual({ $and: [{ live: true }, { 'fields.owner': { $in: ['u1', null] } }, { _id: { $in: ['a', 'b'] } }] });
  });

  it('compares booleans as 0/1, matches nothing for an empty list, and drops repeated values', () => {
    expect(whereFilter([{ field: 'flag', values: [true] }])).toEqual({ $and: [{ live: true }, { 'fields.flag': 1 }] });
    expect(whereFilter([{ field: 'flag', values: [false, 0, true, 1] }])).toEqual({
      $and: [{ live: true }, { 'fields.flag': { $in: [0, 1] } }],
    });
    expect(whereFilter([{ field: 'status', values: [] }])).toEqual({ $and: [{ live: true }, { 'fields.status': { $in: [] } }] });
  });

  it('matches null against null and missing values (MongoDB semantics of {f: null})', () => {
    const filter = whereFilter([{ field: 'owner', values: [null] }]);
    expect(matches({ live: true, fields: { owner: null } }, filter)).toBe(true);
    expect(matches({ live: true, fields: {} }, filter)).toBe(true);
    expect(matches({ live: true, fields: { owner: 'u1' } }, filter)).toBe(false);
    expect(matches({ live: false }, filter)).toBe(false);
  });
});

describe('sortOf and sortValuesOf', () => {
  it('sorts by the plan keys in order, mapping id to _id', () => {
    const sort: SortKey[] = [
      { field: 'score', direction: 'desc' },
      { field: 'title', direction: 'asc' },
      { field: 'id', direction: 'asc' },
    ];
    const sortDocument = sortOf(sort) as Record<string, number>;
    expect(sortDocument).toEqual({ 'fields.score': -1, 'fields.title': 1, _id: 1 });
    expect(Object.keys(sortDocument)).toEqual(['fields.score', 'fields.title', '_id']);
    expect(sortValuesOf({ _id: 'p1', fields: { score: 3, title: null } }, sort)).toEqual([3, null, 'p1']);
    expect(sortValuesOf({ _id: 'p2', fields: {} }, sort)).toEqual([null, null, 'p2']);
    expect(pathOf('id')).toBe('_id');
  });
});

describe('keysetCondition', () => {
  it('is the OR over the keys of "equal before, after at this key", typed for MongoDB\'s type bracketing', () => {
    const sort: SortKey[] = [
      { field: 'score', direction: 'asc' },
      { field: 'id', direction: 'asc' },
    ];
    expect(keysetCondition(sort, [5, 'p3'])).toEqual({
      $or: [
        { $or: [{ 'fields.score': { $gt: 5 } }, { 'fields.score': { $type: 'string' } }] },
        { $and: [{ 'fields.score': 5 }, { _id: { $gt: 'p3' } }] },
      ],
    });
    expect(keysetCondition([{ field: 'id', direction: 'desc' }], ['p3'])).toEqual({ _id: { $lt: 'p3' } });
  });

  it('puts everything non-null after null ascending, and nothing after null descending', () => {
    expect(
      keysetCondition(
        [
          { field: 'a', direction: 'asc' },
          { field: 'id', direction: 'asc' },
        ],
        [null, 'x'],
      ),
    ).toEqual({
      $or: [{ 'fields.a': { $ne: null } }, { $and: [{ 'fields.a': null }, { _id: { $gt: 'x' } }] }],
    });
    expect(
      keysetCondition(
        [
          { field: 'a', direction: 'desc' },
          { field: 'id', direction: 'asc' },
        ],
        [null, 'x'],
      ),
    ).toEqual({
      $and: [{ 'fields.a': null }, { _id: { $gt: 'x' } }],
    });
  });

  it('descending from a string continues with the smaller strings, then the numbers, then null', () => {
    expect(
      keysetCondition(
        [
          { field: 'a', direction: 'desc' },
          { field: 'id', direction: 'asc' },
        ],
        ['m', 'x'],
      ),
    ).toEqual({
      $or: [
        { $or: [{ 'fields.a': { $lt: 'm' } }, { 'fields.a': { $type: 'number' } }, { 'fields.a': null }] },
        { $and: [{ 'fields.a': 'm' }, { _id: { $gt: 'x' } }] },
      ],
    });
  });

  it('matches no document when nothing can follow', () => {
    expect(NOTHING).toEqual({ _id: { $in: [] } });
    expect(matches({ _id: 'a' }, NOTHING)).toBe(false);
  });
});

describe('keysetSegments', () => {
  const asc = (field: string): SortKey[] => [
    { field, direction: 'asc' },
    { field: 'id', direction: 'asc' },
  ];
  const desc = (field: string): SortKey[] => [
    { field, direction: 'desc' },
    { field: 'id', direction: 'asc' },
  ];

  it('reads ranges on the first key that an index can seek, in sort order', () => {
    expect(keysetSegments(asc('a'), [3, 'x'])).toEqual([{ 'fields.a': { $gte: 3 } }, { 'fields.a': { $type: 'string' } }]);
    expect(keysetSegments(asc('a'), ['m', 'x'])).toEqual([{ 'fields.a': { $gte: 'm' } }]);
    expect(keysetSegments(asc('a'), [null, 'x'])).toEqual([{}]);
    expect(keysetSegments(desc('a'), [3, 'x'])).toEqual([{ 'fields.a': { $lte: 3 } }, { 'fields.a': null }]);
    expect(keysetSegments(desc('a'), ['m', 'x'])).toEqual([
      { 'fields.a': { $lte: 'm' } },
      { 'fields.a': { $type: 'number' } },
      { 'fields.a': null },
    ]);
    expect(keysetSegments(desc('a'), [null, 'x'])).toEqual([{ 'fields.a': null }]);
    expect(keysetSegments([{ field: 'id', direction: 'asc' }], ['k'])).toEqual([{ _id: { $gte: 'k' } }]);
    expect(keysetSegments([{ field: 'id', direction: 'desc' }], ['k'])).toEqual([{ _id: { $lte: 'k' } }]);
    expect(keysetSegments(asc('flag'), [true, 'x'])).toEqual([{ 'fields.flag': { $gte: 1 } }, { 'fields.flag': { $type: 'string' } }]);
  });
});

/**
 * The builders against the port's order on generated data: for every document and cursor, the keyset condition
 * holds exactly when the document sorts after the cursor, and the segments split those documents into runs that
 * follow one another in sort order — evaluated with MongoDB's matching rules (as the fake driver implements them).
 */
describe('keyset paging on generated data', () => {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  const pool: (FieldValue | undefined)[] = [undefined, null, -2, 0, 1, 2.5, true, false, '', 'a', 'B', '\u00e9', '\uffff', '\u{1F600}'];
  const FIELDS = ['a', 'b'];

  const docs: StoredDocument[] = Array.from({ length: 120 }, (_, i) => {
    const body: Record<string, unknown> = { id: `d${String(i).padStart(3, '0')}`, version: 1 };
    for (const field of FIELDS) {
      const value = pick(pool);
      if (value !== undefined) body[field] = value;
    }
    return { _id: body.id as string, version: 1, live: true, fields: storedFieldsOf(body, FIELDS, 'c'), doc: body };
  });
  // Some documents written before b was indexed: no fields.b at all (read as null by MongoDB).
  for (const doc of docs.slice(0, 10)) delete doc.fields!.b;

  const valueOf = (doc: StoredDocument, field: string): FieldValue => (field === 'id' ? doc._id : (doc.fields?.[field] ?? null));
  const compare = (x: StoredDocument, y: StoredDocument, sort: readonly SortKey[]) => {
    for (const key of sort) {
      const order = compareFieldValues(valueOf(x, key.field), valueOf(y, key.field));
      if (order !== 0) return key.direction === 'asc' ? order : -order;
    }
    return 0;
  };

  const orders: SortKey[][] = [
    [{ field: 'id', direction: 'asc' }],
    [{ field: 'id', direction: 'desc' }],
    [
      { field: 'a', direction: 'asc' },
      { field: 'id', direction: 'asc' },
    ],
    [
      { field: 'a', direction: 'desc' },
      { field: 'id', direction: 'asc' },
    ],
    [
      { field: 'a', direction: 'desc' },
      { field: 'b', direction: 'asc' },
      { field: 'id', direction: 'asc' },
    ],
    [
      { field: 'b', direction: 'asc' },
      { field: 'a', direction: 'desc' },
      { field: 'id', direction: 'asc' },
    ],
  ];

  it.each(orders.map((sort) => [sort.map((key) => `${key.field} ${key.direction}`).join(', '), sort]))('order %s', (_, sort) => {
    const sorted = [...docs].sort((x, y) => compare(x, y, sort as SortKey[]));
    for (const cursorDoc of sorted) {
      const after = sortValuesOf(cursorDoc, sort as SortKey[]);
      const condition = keysetCondition(sort as SortKey[], after);
      const expected = sorted.filter((doc) => compare(doc, cursorDoc, sort as SortKey[]) > 0).map((doc) => doc._id);
      const actual = sorted.filter((doc) => matches(doc, and([{ live: true }, condition]))).map((doc) => doc._id);
      expect(actual).toEqual(expected);

      // Segments, read in turn, give those documents in sort order.
      const segments = keysetSegments(sort as SortKey[], after);
      const paged = segments.flatMap((segment) => sorted.filter((doc) => matches(doc, and([segment, condition])))).map((doc) => doc._id);
      expect(paged).toEqual(expected);
    }
  });

  it('agrees with planFind on cursors it made: the plan decodes the values the cursor was made of', () => {
    const sort = orders[4];
    const orderBy = sort.slice(0, -1).map((key) => ({ field: key.field, direction: key.direction }));
    const cursor = encodeCursor(sort, sortValuesOf(docs[20], sort));
    expect(planFind({ orderBy, limit: 10, after: cursor }, FIELDS, 'c').after).toEqual(sortValuesOf(docs[20], sort));
  });
});

describe('scanFilter', () => {
  it('reads live documents after the last id seen', () => {
    expect(scanFilter(null)).toEqual({ live: true });
    expect(scanFilter('k')).toEqual({ live: true, _id: { $gt: 'k' } });
  });
});

describe('and', () => {
  it('leaves out empty conditions and keeps a single one as it is', () => {
    expect(and([{}, { a: 1 }, {}])).toEqual({ a: 1 });
    expect(and([{}])).toEqual({});
    expect(and([{ a: 1 }, { a: 2 }])).toEqual({ $and: [{ a: 1 }, { a: 2 }] });
  });
});
