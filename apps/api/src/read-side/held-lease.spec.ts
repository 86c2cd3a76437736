import { InMemoryReadModelStore } from '@okr/read-model';
import { HeldLease, LeaseHeldElsewhereError } from './held-lease';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('HeldLease', () => {
  it('holds the lease while running, renewing it past its TTL, and releases it at the end', async () => {
    const store = new InMemoryReadModelStore();
    const lease = new HeldLease(store, 'okr_projector', 'rebuild-1', 300);
    await lease.acquire();
    await sleep(700); // more than twice the TTL: only renewals keep it
    const competitor = await store.acquireLease({ name: 'okr_projector', owner: 'projector-1', ttlMs: 300, now: Date.now() });
    expect(competitor).toMatchObject({ acquired: false, holder: 'rebuild-1' });
    expect(lease.lost).toBe(false);

    await lease.release();
    await lease.release(); // idempotent
    expect(await store.acquireLease({ name: 'okr_projector', owner: 'projector-1', ttlMs: 300, now: Date.now() })).toMatchObject({
      acquired: true,
      holder: 'projector-1',
    });
    await store.close();
  });

  it('refuses when another owner holds the lease, naming the holder', async () => {
    const store = new InMemoryReadModelStore();
    const now = Date.now();
    await store.acquireLease({ name: 'okr_projector', owner: 'projector-1', ttlMs: 60_000, now });
    const lease = new HeldLease(store, 'okr_projector', 'rebuild-1', 1000);
    const error = await lease.acquire().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LeaseHeldElsewhereError);
    expect((error as Error).message).toBe(`lease 'okr_projector' held by projector-1 until ${new Date(now + 60_000).toISOString()}`);
    await lease.release(); // nothing held: gives nothing up
    expect(await store.acquireLease({ name: 'okr_projector', owner: 'other', ttlMs: 1000, now: Date.now() })).toMatchObject({
      acquired: false,
      holder: 'projector-1',
    });
    await store.close();
  });

  it('reports a lost lease when a renewal is refused', async () => {
    const store = new InMemoryReadModelStore();
    let clock = 1_000_000;
    const lease = new HeldLease(store, 'okr_projector', 'rebuild-1', 300, () => clock);
    await lease.acquire();
    clock += 10_000; // the job stalled past its TTL…
    await store.acquireLease({ name: 'okr_projector', owner: 'projector-1', ttlMs: 60_000, now: clock }); // …and a projector took over
    await sleep(250);
    expect(lease.lost).toBe(true);
    await lease.release();
    expect(await store.acquireLease({ name: 'okr_projector', owner: 'x', ttlMs: 1, now: clock })).toMatchObject({ holder: 'projector-1' });
    await store.close();
  });
});
