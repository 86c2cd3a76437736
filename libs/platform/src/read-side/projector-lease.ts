import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * The lease (in the read-model store) that keeps one projector active among its replicas. The rebuild CLI
 * takes the same lease, so no projector writes while it rebuilds.
 */
export const PROJECTOR_LEASE_NAME = 'okr_projector';

/** A lease owner id unique per process: `<prefix>:<hostname>:<pid>:<random>`. */
export function leaseOwnerId(prefix: string): string {
  return `${prefix}:${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}
