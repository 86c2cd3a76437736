import { DEFAULT_STREAM_PREFIX, StreamNaming, validateStreamPrefix } from './stream-naming';

describe('StreamNaming', () => {
  const naming = new StreamNaming('okr');

  it("prefixes the port's stream ids with '<prefix>.' and strips it back", () => {
    const id = 'objective-0b6a0f8e-5f7c-4c1e-9d43-1f2a3b4c5d6e';
    expect(naming.toStreamName(id)).toBe(`okr.${id}`);
    expect(naming.toStreamId(`okr.${id}`)).toBe(id);
    expect(naming.toStreamId(naming.toStreamName('keyresult-1'))).toBe('keyresult-1');
  });

  it('keeps dots, dashes and other characters of the stream id as they are', () => {
    for (const id of ['a', 'order-abc-1-2', 'with.dot-x', 'ünïcødé-1', '$looks-like-system', 'okr.nested-1']) {
      expect(naming.toStreamId(naming.toStreamName(id))).toBe(id);
    }
  });

  it("keeps EventStoreDB's category streams usable: the category of okr.objective-<id> is okr.objective", () => {
    const name = naming.toStreamName('objective-42');
    expect(name.slice(0, name.indexOf('-'))).toBe('okr.objective');
    expect(naming.categoryStreamName('objective')).toBe('$ce-okr.objective');
    expect(naming.categoryStreamName('keyresult')).toBe('$ce-okr.keyresult');
    expect(() => naming.categoryStreamName('key-result')).toThrow(TypeError);
    expect(() => naming.categoryStreamName('')).toThrow(TypeError);
  });

  it('rejects stream ids the port does not allow: empty, not a string, control characters', () => {
    expect(() => naming.toStreamName('')).toThrow(TypeError);
    expect(() => naming.toStreamName(undefined as unknown as string)).toThrow(TypeError);
    expect(() => naming.toStreamName(42 as unknown as string)).toThrow(TypeError);
    expect(() => naming.toStreamName('objective-1\n')).toThrow(/control characters/);
    expect(() => naming.toStreamName('a\u0000b')).toThrow(/control characters/);
    expect(() => naming.toStreamName('a\u007fb')).toThrow(/control characters/);
  });

  it('owns only names with its exact prefix: not system streams, other applications or other prefixes', () => {
    expect(naming.owns('okr.objective-1')).toBe(true);
    const others = ['$ce-okr.objective', '$$okr.objective-1', '$stats-127.0.0.1:2113', 'billing-1', 'okr-objective-1'];
    for (const name of [...others, 'okr_staging.objective-1', 'okr2.objective-1', 'okr.', 'OKR.objective-1']) {
      expect(naming.owns(name)).toBe(false);
    }
  });

  it('refuses to decode a stream name it does not own', () => {
    expect(() => naming.toStreamId('billing-1')).toThrow(/does not belong to this application/);
    expect(() => naming.toStreamId('$ce-okr.objective')).toThrow(RangeError);
    expect(() => naming.toStreamId('okr.')).toThrow(RangeError);
  });

  it("defaults to the prefix 'okr'", () => {
    expect(DEFAULT_STREAM_PREFIX).toBe('okr');
    expect(new StreamNaming().toStreamName('team-1')).toBe('okr.team-1');
  });

  it("accepts prefixes of letters, digits and '_' only, so the prefix filter is exact and categories stay per type", () => {
    for (const prefix of ['okr', 'okr_staging', 'OKR2', 'a', 'x'.repeat(64)]) expect(validateStreamPrefix(prefix)).toBe(prefix);
    for (const prefix of ['', 'okr-prod', 'okr.prod', '$okr', 'okr prod', 'x'.repeat(65), undefined, 7]) {
      expect(() => validateStreamPrefix(prefix)).toThrow(RangeError);
    }
    expect(() => new StreamNaming('okr-prod')).toThrow(/no '-'/);
  });

  it('keeps deployments with different prefixes apart, even when one prefix starts with the other', () => {
    const staging = new StreamNaming('okr_staging');
    expect(naming.owns(staging.toStreamName('objective-1'))).toBe(false);
    expect(staging.owns(naming.toStreamName('objective-1'))).toBe(false);
  });
});
