import { randomUUID } from 'node:crypto';
import { APPEND_EVENT_ID_NAMESPACE, appendEventIds, uuidV5 } from './append-event-ids';

describe('EventStoreDB ids of an append', () => {
  it('computes RFC 4122 version-5 UUIDs (the RFC example)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(() => uuidV5('x', 'not-a-uuid')).toThrow(TypeError);
  });

  it('gives every event of an append a distinct, valid, lower-case version-5 UUID', () => {
    const ids = appendEventIds([randomUUID(), randomUUID(), 'not-a-uuid-at-all']);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('is the same for an exact retry (same ids, same order), from any process', () => {
    const batch = [randomUUID(), randomUUID()];
    expect(appendEventIds([...batch])).toEqual(appendEventIds(batch));
  });

  it('differs for any other use of the same ids: a subset, another order, more events', () => {
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const original = appendEventIds([a, b, c]);
    const others = [
      appendEventIds([a, b]),
      appendEventIds([b, c]),
      appendEventIds([c, b, a]),
      appendEventIds([a, b, c, randomUUID()]),
      appendEventIds([a]),
    ];
    for (const other of others) for (const id of other) expect(original).not.toContain(id);
  });

  it('is stable across versions of the adapter (a changed derivation would no longer recognise retries of earlier writes)', () => {
    expect(APPEND_EVENT_ID_NAMESPACE).toBe('95bfdfe2-e8ed-44ce-8b35-c4cb7e510a49');
    // Computed independently: uuidV5(sha256hex(JSON.stringify(ids)) + ':' + ids.length + ':' + index, namespace).
    expect(appendEventIds(['event-1', 'event-2'])).toEqual([
      'd4433abd-3c5a-5c34-8ef9-8916f4a6d2ee',
      '2370e728-e5a2-582e-9be3-4e76ba0ba18e',
    ]);
  });
});
