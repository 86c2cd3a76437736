import { detectIdempotentRetry } from '../internal/idempotent-retry';
import { DuplicateEventIdError } from '../event-store.port';
import { RecentEventIds } from './recent-event-ids';

describe('RecentEventIds', () => {
  it('knows where each id of an append went, with the append’s last position', () => {
    const recent = new RecentEventIds(10);
    recent.remember('objective-1', ['a', 'b', 'c'], 4, 900);
    expect(recent.get('b')).toEqual({ streamId: 'objective-1', revision: 5, position: 900, batchFirstRevision: 4, batchSize: 3 });
    expect(recent.get('z')).toBeUndefined();
    expect(recent.size).toBe(3);
  });

  it('lets the shared retry rule recognise an exact retry and refuse any other re-use', () => {
    const recent = new RecentEventIds(10);
    recent.remember('s', ['a', 'b'], 0, 500);
    const lookup = (id: string) => recent.get(id);
    expect(detectIdempotentRetry('s', ['a', 'b'], lookup)).toEqual({ nextExpectedRevision: 1, position: 500 });
    expect(() => detectIdempotentRetry('s', ['a'], lookup)).toThrow(DuplicateEventIdError);
    expect(() => detectIdempotentRetry('other', ['a', 'b'], lookup)).toThrow(DuplicateEventIdError);
    expect(detectIdempotentRetry('s', ['new'], lookup)).toBeUndefined();
  });

  it('drops whole appends, oldest first, so an append is never partly known', () => {
    const recent = new RecentEventIds(4);
    recent.remember('s', ['a', 'b'], 0, 10);
    recent.remember('s', ['c', 'd'], 2, 20);
    recent.remember('s', ['e'], 4, 30);
    expect(recent.get('a')).toBeUndefined();
    expect(recent.get('b')).toBeUndefined();
    expect(recent.get('c')).toBeDefined();
    expect(recent.get('e')).toBeDefined();
    expect(recent.size).toBe(3);
  });

  it('does not keep an append larger than its capacity, nor anything at capacity 0', () => {
    const small = new RecentEventIds(2);
    small.remember('s', ['a', 'b', 'c'], 0, 10);
    expect(small.size).toBe(0);
    const none = new RecentEventIds(0);
    none.remember('s', ['a'], 0, 10);
    expect(none.get('a')).toBeUndefined();
    expect(() => new RecentEventIds(-1)).toThrow(RangeError);
  });

  it('keeps working over many appends', () => {
    const recent = new RecentEventIds(100);
    for (let i = 0; i < 5000; i++) recent.remember('s', [`id-${i}`], i, i + 1);
    expect(recent.size).toBe(100);
    expect(recent.get('id-4999')).toMatchObject({ revision: 4999 });
    expect(recent.get('id-4899')).toBe(undefined);
    expect(recent.get('id-4900')).toBeDefined();
  });
});
