import { SeededIdGenerator } from './seeded-id-generator';

describe('SeededIdGenerator', () => {
  it('makes version-4-shaped UUIDs', () => {
    const id = new SeededIdGenerator('x').next();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('repeats the same sequence for the same namespace, another for another', () => {
    const a = new SeededIdGenerator('okr-demo:42:0');
    const b = new SeededIdGenerator('okr-demo:42:0');
    const c = new SeededIdGenerator('okr-demo:42:7');
    const first = [a.next(), a.next(), a.next()];
    expect([b.next(), b.next(), b.next()]).toEqual(first);
    expect(first).not.toContain(c.next());
  });

  it('never repeats an id', () => {
    const ids = new SeededIdGenerator('n');
    const seen = new Set(Array.from({ length: 20_000 }, () => ids.next()));
    expect(seen.size).toBe(20_000);
  });
});
