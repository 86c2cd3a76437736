import { createHash } from 'node:crypto';

/**
 * Deterministic UUID-shaped ids (version 4 layout) for demo data: the n-th id is the SHA-256 of
 * `namespace:n`, so a seeded run produces the same stream ids, event ids and command ids every time.
 * A hash per id (rather than a 32-bit PRNG) keeps ids of runs with different namespaces from colliding.
 * Shaped like the API's IdGenerator (`next()`), which it stands in for while seeding.
 */
export class SeededIdGenerator {
  private counter = 0;

  constructor(private readonly namespace: string) {}

  next(): string {
    const bytes = createHash('sha256').update(`${this.namespace}:${this.counter++}`).digest();
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = bytes.subarray(0, 16).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  }
}
