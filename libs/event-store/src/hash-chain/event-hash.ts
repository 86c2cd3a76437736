import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** The previousHash of a stream's first event. */
export const GENESIS_HASH = '';

/** Metadata keys the hash chain stores on every event (reserved: the chained store sets them). */
export const HASH_KEY = 'hash';
export const PREVIOUS_HASH_KEY = 'previousHash';

/** What an event's hash covers. */
export interface HashedContent {
  type: string;
  data: unknown;
  tenantId?: unknown;
  actorId?: unknown;
  recordedAt?: unknown;
}

/**
 * The hash of an event: lower-case hex SHA-256 over the UTF-8 bytes of
 *
 *   canonicalJson({ type, data, tenantId, actorId, recordedAt, previousHash })
 *
 * (so, with keys sorted: `{"actorId":…,"data":…,"previousHash":…,"recordedAt":…,"tenantId":…,"type":…}`;
 * a field that is undefined — absent from the stored metadata — is left out). `previousHash` is the hash of
 * the previous event of the same stream, GENESIS_HASH ('') for revision 0.
 */
export function eventHash(content: HashedContent, previousHash: string): string {
  return hash('sha256', canonicalEventText(content, previousHash), 'hex');
}

/** The exact text that eventHash hashes (exported for documentation and independent checks). */
export function canonicalEventText(content: HashedContent, previousHash: string): string {
  // Members in code-point order already; canonicalJson leaves undefined ones out.
  return canonicalJson({
    actorId: content.actorId,
    data: content.data,
    previousHash,
    recordedAt: content.recordedAt,
    tenantId: content.tenantId,
    type: content.type,
  });
}
