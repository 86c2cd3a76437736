import { fieldIndexName, indexSpecs, LIVE_ID_INDEX } from './mongo-index-specs';

describe('indexSpecs', () => {
  it('gives the live/_id index and one partial {fields.f, _id} index per indexed field', () => {
    expect(indexSpecs(['status', 'createdPosition'])).toEqual([
      { key: { live: 1, _id: 1 }, name: 'live_id' },
      { key: { 'fields.status': 1, _id: 1 }, name: 'fields_status', partialFilterExpression: { live: true } },
      { key: { 'fields.createdPosition': 1, _id: 1 }, name: 'fields_createdPosition', partialFilterExpression: { live: true } },
    ]);
    expect(indexSpecs([])).toEqual([LIVE_ID_INDEX]);
  });

  it('keeps key order (field first, then _id) and names that differ by case', () => {
    const [, spec] = indexSpecs(['X']);
    expect(Object.keys(spec.key)).toEqual(['fields.X', '_id']);
    expect(fieldIndexName('x')).not.toBe(fieldIndexName('X'));
  });
});
