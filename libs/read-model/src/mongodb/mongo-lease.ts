import type { Collection, Filter, UpdateFilter } from 'mongodb';
import { LeaseRequest, LeaseState } from '../read-model.port';
import { validateLeaseName, validateLeaseOwner, validateLeaseRequest } from '../internal/lease-rules';
import { isDuplicateKeyError } from './mongo-errors';

/** A lease in the `leases` collection: `_id` is its name. Released leases are deleted. */
export interface LeaseDocument {
  _id: string;
  owner: string;
  /** Epoch ms, from the acquiring caller's clock. */
  expiresAt: number;
}

/** The lease can be taken by `owner`: it is theirs already (a renewal), or it has expired. A missing lease is taken by the upsert. */
export function acquireFilter(name: string, owner: string, now: number): Filter<LeaseDocument> {
  return { _id: name, $or: [{ owner }, { expiresAt: { $lte: now } }] };
}

export function acquireUpdate(owner: string, expiresAt: number): UpdateFilter<LeaseDocument> {
  return { $set: { owner, expiresAt } };
}

/** Only the holder releases. */
export function releaseFilter(name: string, owner: string): Filter<LeaseDocument> {
  return { _id: name, owner };
}

/** How often a caller that met a lease freed meanwhile (released or expired between two steps) tries again. */
const ATTEMPTS = 3;

/**
 * Leases of the MongoDB read-model store, one atomic operation each, with no transaction:
 *
 * acquire = findOneAndUpdate(acquireFilter, $set {owner, expiresAt}, upsert). It updates the lease when the
 * caller may take it; when the lease does not exist it inserts it. When another owner holds it unexpired, the
 * filter matches nothing and the upsert's insert meets the existing `_id`: E11000 — the lease is held, and the
 * holder is read back and reported. Of concurrent callers, one update or insert wins; the others see the
 * winner's document (MongoDB re-evaluates the filter of a conflicting write) and get E11000 in turn.
 */
export class MongoLeases {
  constructor(private readonly leases: () => Collection<LeaseDocument>) {}

  async acquire(request: LeaseRequest): Promise<LeaseState> {
    const expiresAt = validateLeaseRequest(request);
    const { name, owner, now } = request;
    let holder: LeaseDocument | null = null;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        await this.leases().findOneAndUpdate(acquireFilter(name, owner, now), acquireUpdate(owner, expiresAt), {
          upsert: true,
          returnDocument: 'after',
        });
        return { acquired: true, holder: owner, expiresAt };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      holder = await this.leases().findOne({ _id: name });
      // Held by someone else, unexpired: refused. Otherwise it was freed between the two steps: try again.
      if (holder !== null && holder.owner !== owner && holder.expiresAt > now) break;
    }
    return holder === null
      ? { acquired: false, holder: null, expiresAt: null }
      : { acquired: false, holder: holder.owner, expiresAt: holder.expiresAt };
  }

  async release(name: string, owner: string): Promise<void> {
    validateLeaseName(name);
    validateLeaseOwner(owner);
    await this.leases().deleteOne(releaseFilter(name, owner));
  }
}
