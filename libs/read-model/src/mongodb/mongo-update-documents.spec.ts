import { WriteOp } from '../read-model.port';
import {
  backfilledFieldValue,
  backfillModel,
  checkpointUpdate,
  storedFieldsOf,
  storedFieldValue,
  writeModelOf,
} from './mongo-update-documents';

describe('writeModelOf', () => {
  it('upserts a document with a version guard: replaceOne({_id, version < v}, {version, live, fields, doc}, upsert)', () => {
    const op: WriteOp = {
      kind: 'upsert',
      collection: 'objectives',
      doc: { id: 'o1', version: 7, status: 'open', done: true, score: 2.5, tags: ['a'] },
    };
    expect(writeModelOf(op, ['status', 'done', 'owner', 'score'])).toEqual({
      replaceOne: {
        filter: { _id: 'o1', version: { $lt: 7 } },
        replacement: {
          version: 7,
          live: true,
          fields: { status: 'open', done: 1, owner: null, score: 2.5 },
          doc: { id: 'o1', version: 7, status: 'open', done: true, score: 2.5, tags: ['a'] },
        },
        upsert: true,
      },
    });
  });

  it('stores the JSON round trip of the document, as JSON text when BSON cannot keep it', () => {
    const when = new Date('2026-11-01T10:00:00.000Z');
    const op: WriteOp = { kind: 'upsert', collection: 'c', doc: { id: 'x', version: 1, when, skipped: undefined, $odd: 1 } };
    const model = writeModelOf(op, ['skipped']) as { replaceOne: { replacement: Record<string, unknown> } };
    expect(model.replaceOne.replacement).toEqual({
      version: 1,
      live: true,
      fields: { skipped: null },
      json: '{"id":"x","version":1,"when":"2026-11-01T10:00:00.000Z","$odd":1}',
    });
  });

  it('leaves a tombstone for a delete, with the same guard', () => {
    expect(writeModelOf({ kind: 'delete', collection: 'c', id: 'gone', version: 9 }, ['status'])).toEqual({
      replaceOne: { filter: { _id: 'gone', version: { $lt: 9 } }, replacement: { version: 9, live: false }, upsert: true },
    });
  });

  it('refuses what the port refuses: non-scalar indexed values, documents JSON cannot encode', () => {
    expect(() =>
      writeModelOf({ kind: 'upsert', collection: 'c', doc: { id: 'x', version: 1, status: { nested: true } } }, ['status']),
    ).toThrow(TypeError);
    expect(() => writeModelOf({ kind: 'upsert', collection: 'c', doc: { id: 'x', version: 1, status: ['a'] } }, ['status'])).toThrow(
      TypeError,
    );
    expect(() => writeModelOf({ kind: 'upsert', collection: 'c', doc: { id: 'x', version: 1, amount: BigInt(1) } }, [])).toThrow(TypeError);
  });
});

describe('indexed values', () => {
  it('keeps null, numbers and strings, and turns booleans into 0 and 1', () => {
    expect([null, 0, -1.5, '', 'x', true, false].map((value) => storedFieldValue(value))).toEqual([null, 0, -1.5, '', 'x', 1, 0]);
  });

  it('gives every indexed field a value, null when missing or not finite', () => {
    expect(storedFieldsOf({ id: 'a', version: 1, a: 'x', c: Number.NaN }, ['a', 'b', 'c'], 'col')).toEqual({ a: 'x', b: null, c: null });
  });

  it('stores a field called __proto__ as data', () => {
    const doc = JSON.parse('{"id":"a","version":1,"__proto__":"p"}') as Record<string, unknown>;
    const fields = storedFieldsOf(doc, ['__proto__'], 'col');
    expect(Object.keys(fields)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
  });

  it('backfills from the stored body as the other adapters read it: objects as their JSON text', () => {
    expect([undefined, null, true, false, 3, 'x', { a: 1 }, [1, 2]].map(backfilledFieldValue)).toEqual([
      null,
      null,
      1,
      0,
      3,
      'x',
      '{"a":1}',
      '[1,2]',
    ]);
  });
});

describe('checkpoint and backfill updates', () => {
  it('moves a checkpoint forward only', () => {
    expect(checkpointUpdate(42)).toEqual({ $max: { position: 42 } });
  });

  it('sets backfilled fields on the version it read, and only on a live document', () => {
    expect(backfillModel('d1', 4, { b: 'x', c: null })).toEqual({
      updateOne: { filter: { _id: 'd1', version: 4, live: true }, update: { $set: { 'fields.b': 'x', 'fields.c': null } } },
    });
  });
});
