import { Injectable } from '@nestjs/common';
import { BUDGET } from '@okr/budget';
import { LRUCache } from 'lru-cache';
import type { Principal } from '../auth/principal';

/**
 * The log position of each caller's last acknowledged write, so that the caller's reads wait for it (read-your-writes
 * without client bookkeeping, decision 21). A caller is a user of a tenant: their bearer token and their browser
 * sessions are one caller. Kept in this process only; the least recently writing callers are dropped first.
 */
@Injectable()
export class LastWrites {
  private readonly positions = new LRUCache<string, number>({ max: BUDGET.apiThread.lastWrites });

  /** Remembers a write of `caller` acknowledged at `position` (an earlier position never replaces a later one). */
  record(caller: Principal, position: number): void {
    const key = callerKey(caller);
    const known = this.positions.get(key);
    if (known === undefined || position > known) this.positions.set(key, position);
  }

  /** The position of the caller's last write in this process, if any is remembered. */
  of(caller: Principal): number | undefined {
    return this.positions.get(callerKey(caller));
  }
}

function callerKey(caller: Principal): string {
  return `${caller.tenantId}\u0000${caller.userId}`;
}
