import { LeaseRequest } from '../read-model.port';
import { describe } from './field-values';
import { validateCollectionName } from './rules';

/**
 * Validation of lease requests, shared by every adapter so they all reject the same requests the same way
 * (TypeError for a bad name or owner, RangeError for a bad time or TTL), before touching storage.
 */

/** A lease name follows the collection-name rules (1-64 letters, digits and underscores, not starting with a digit). */
export function validateLeaseName(name: unknown): asserts name is string {
  try {
    validateCollectionName(name);
  } catch {
    throw new TypeError(`Invalid lease name ${JSON.stringify(name)}: use 1-64 letters, digits and underscores, not starting with a digit`);
  }
}

export function validateLeaseOwner(owner: unknown): asserts owner is string {
  if (typeof owner !== 'string' || owner.length === 0)
    throw new TypeError(`A lease owner must be a non-empty string, got ${describe(owner)}`);
}

/** Validates the request and returns when the lease would expire if granted (now + ttlMs). */
export function validateLeaseRequest(request: LeaseRequest): number {
  if (request === null || typeof request !== 'object') throw new TypeError('A lease request must be an object');
  const { name, owner, ttlMs, now } = request;
  validateLeaseName(name);
  validateLeaseOwner(owner);
  if (typeof ttlMs !== 'number' || !Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw new RangeError(`Lease ${name}: ttlMs must be a finite number > 0, got ${describe(ttlMs)}`);
  }
  if (typeof now !== 'number' || !Number.isFinite(now))
    throw new RangeError(`Lease ${name}: now must be a finite number (epoch ms), got ${describe(now)}`);
  const expiresAt = now + ttlMs;
  if (!Number.isFinite(expiresAt)) throw new RangeError(`Lease ${name}: now + ttlMs overflows`);
  return expiresAt;
}
