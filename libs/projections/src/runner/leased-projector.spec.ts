import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@okr/event-store';
import { testEvent } from '@okr/event-store/testing/test-events';
import { sleep, waitUntil } from '@okr/event-store/testing/wait-until';
import { InMemoryReadModelStore, LeaseRequest, ReadModelDocument, ReadModelStore, SqliteReadModelStore } from '@okr/read-model';
import { Projection } from '../projection';
import { LeasedProjector } from './leased-projector';
import { ProjectionRunner, RetainOptions } from './projection-runner';

/**
 * Two projector replicas, each with its own connections to one embedded event store and one embedded read
 * store (as two processes would have), on a test clock: lease times only move when the test moves the clock.
 * Renewals run every 10 real ms, so "a few renewals later" is a short real wait.
 */

const TTL = 1000;
const RENEW_EVERY_MS = 10;
const STREAMS = ['counter-a', 'counter-b', 'counter-c'];

interface Tally extends ReadModelDocument {
  count: number;
  /** Positions of the events counted, in order: an event applied twice or lost shows here. */
  positions: number[];
}

/** Counts each stream's events into one document, read-modify-write: what a lost or doubled event would break. */
function tallyProjection(projected: number[], delayMs = 0): Projection {
  return {
    name: 'tally',
    version: 1,
    collections: [{ name: 'tallies', indexes: ['count'] }],
    async project(event, read) {
      projected.push(event.position);
      if (delayMs > 0) await sleep(delayMs);
      const tally = await read.get<Tally>('tallies', event.streamId);
      return [
        {
          kind: 'put',
          collection: 'tallies',
          doc: { id: event.streamId, count: (tally?.count ?? 0) + 1, positions: [...(tally?.positions ?? []), event.position] },
        },
      ];
    },
  };
}

class TestClock {
  constructor(public time = 1_700_000_000_000) {}
  readonly now = () => this.time;
  advance(ms: number): void {
    this.time += ms;
  }
}

interface Replica {
  owner: string;
  projector: LeasedProjector;
  runner: ProjectionRunner;
  /** Positions this replica's projection was called with (including batches it never stored). */
  projected: number[];
  /** 'active:<holder>' / 'standby:<holder>', in order. */
  states: string[];
  errors: unknown[];
  /** The process dies: its connections close, it never releases the lease nor writes again. */
  crash(): Promise<void>;
}

describe('LeasedProjector on the embedded stores', () => {
  let dir: string;
  let eventsFile: string;
  let readModelsFile: string;
  let writer: SqliteEventStore;
  let checker: SqliteReadModelStore;
  let cleanups: (() => Promise<unknown>)[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'okr-leased-projector-'));
    eventsFile = join(dir, 'okr.db');
    readModelsFile = join(dir, 'read-models.db');
    cleanups = [];
    writer = SqliteEventStore.open({ filePath: eventsFile });
    checker = SqliteReadModelStore.open({ filePath: readModelsFile });
  });

  afterEach(async () => {
    // Projectors first (in reverse), then their connections.
    for (const cleanup of cleanups.reverse()) await cleanup();
    await checker.close();
    await writer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function replica(
    owner: string,
    clock: TestClock,
    options: { retain?: RetainOptions; delayMs?: number; leaseStore?: (store: ReadModelStore) => ReadModelStore } = {},
  ): Replica {
    const events = SqliteEventStore.open({ filePath: eventsFile, pollIntervalMs: 5 });
    const readModels = SqliteReadModelStore.open({ filePath: readModelsFile });
    const projected: number[] = [];
    const states: string[] = [];
    const errors: unknown[] = [];
    const runner = new ProjectionRunner(events, readModels, tallyProjection(projected, options.delayMs), {
      batchSize: 5,
      idleWaitMs: 5,
      retain: options.retain,
      onError: (error) => errors.push(error),
    });
    const projector = new LeasedProjector(options.leaseStore?.(readModels) ?? readModels, [runner], {
      owner,
      ttlMs: TTL,
      renewEveryMs: RENEW_EVERY_MS,
      now: clock.now,
      onStateChange: (state, detail) => states.push(`${state}:${detail.holder}`),
      onError: (error) => errors.push(error),
    });
    const closeConnections = async () => {
      await readModels.close();
      await events.close();
    };
    cleanups.push(async () => {
      await projector.stop();
      await closeConnections();
    });
    return { owner, projector, runner, projected, states, errors, crash: closeConnections };
  }

  /** Appends `count` events spread over the counter streams; returns their positions. */
  async function append(count: number): Promise<number[]> {
    const positions: number[] = [];
    for (let i = 0; i < count; i++) {
      const result = await writer.appendToStream(STREAMS[i % STREAMS.length], [testEvent('Counted', { i })]);
      positions.push(result.position);
    }
    return positions;
  }

  async function tallies(store: ReadModelStore): Promise<Tally[]> {
    const collection = await store.collection<Tally>({ name: 'tallies', indexes: ['count'] });
    const docs: Tally[] = [];
    for await (const doc of collection.scan()) docs.push(doc);
    return docs;
  }

  /** The shared read store holds exactly what one runner rebuilding from zero gives, every event counted once. */
  async function expectProjectedExactlyOnce(): Promise<void> {
    const head = await writer.headPosition();
    expect(await checker.checkpoint('tally')).toBe(head);
    const rebuilt = new InMemoryReadModelStore();
    await new ProjectionRunner(writer, rebuilt, tallyProjection([]), { batchSize: 1000 }).catchUp();
    const stored = await tallies(checker);
    expect(stored).toEqual(await tallies(rebuilt));
    const all = await writer.readAll({ maxCount: 10_000 });
    for (const streamId of STREAMS) {
      const positions = all.filter((event) => event.streamId === streamId).map((event) => event.position);
      expect(stored.find((tally) => tally.id === streamId)).toEqual({
        id: streamId,
        version: positions[positions.length - 1],
        count: positions.length,
        positions,
      });
    }
  }

  const caughtUp = async (runner: ProjectionRunner) => {
    const head = await writer.headPosition();
    await waitUntil(() => runner.position === head, { timeoutMs: 5000, description: `${runner.projection.name} at ${head}` });
  };

  it('keeps exactly one replica active, and every event is projected once, by the active one', async () => {
    const clock = new TestClock();
    const a = replica('replica-a', clock);
    const b = replica('replica-b', clock);
    await append(7);

    await a.projector.start();
    await b.projector.start();
    expect(a.projector.active).toBe(true);
    expect(b.projector.status()).toEqual({
      owner: 'replica-b',
      active: false,
      holder: 'replica-a',
      expiresAt: clock.time + TTL,
      runners: [{ projection: 'tally', position: 0, running: false, lastError: null }],
    });

    const positions = [...(await writer.readAll()).map((event) => event.position), ...(await append(23))];
    await caughtUp(a.runner);
    await sleep(10 * RENEW_EVERY_MS);
    expect(a.projector.active).toBe(true);
    expect(b.projector.active).toBe(false);
    expect(a.projector.status()).toMatchObject({
      active: true,
      holder: 'replica-a',
      runners: [{ running: true, position: positions[positions.length - 1] }],
    });

    expect(a.projected).toEqual(positions);
    expect(b.projected).toEqual([]);
    expect(a.states).toEqual(['active:replica-a']);
    expect(b.states).toEqual(['standby:replica-a']);
    await expectProjectedExactlyOnce();
    expect([...a.errors, ...b.errors]).toEqual([]);
  });

  it('takes over when the active replica dies, once its lease has run out, and projects the rest', async () => {
    const clock = new TestClock();
    const a = replica('replica-a', clock, { retain: { maxDocuments: 100 } });
    const b = replica('replica-b', clock, { retain: { maxDocuments: 100 } });
    await a.projector.start();
    await b.projector.start();
    await append(20);
    await caughtUp(a.runner);

    await a.crash();
    const storedByA = await checker.checkpoint('tally');
    expect(storedByA).toBe(20);
    await append(20);

    // The dead replica's lease runs until clock + TTL: the other waits for it, however many times it asks.
    await sleep(10 * RENEW_EVERY_MS);
    expect(b.projector.active).toBe(false);
    clock.advance(TTL - 1);
    await sleep(10 * RENEW_EVERY_MS);
    expect(b.projector.status()).toMatchObject({ active: false, holder: 'replica-a' });
    expect(b.projected).toEqual([]);

    clock.advance(1);
    await waitUntil(() => b.projector.active, { timeoutMs: 2000, description: 'replica-b active' });
    await caughtUp(b.runner);
    expect(b.states).toEqual(['standby:replica-a', 'active:replica-b']);
    expect(b.projector.status()).toMatchObject({ holder: 'replica-b', expiresAt: clock.time + TTL });
    // It resumed from the dead replica's checkpoint, not from zero.
    expect(b.projected).toEqual(Array.from({ length: 20 }, (_, i) => storedByA + 1 + i));
    await expectProjectedExactlyOnce();
    // The dead one learnt nothing more (its connections are closed) and keeps its runner stopped.
    expect(a.projector.active).toBe(false);
    expect(a.runner.status().running).toBe(false);
    expect(b.errors).toEqual([]);
  });

  it('stops gracefully in the middle of a catch-up: stores the batch, releases the lease, and the other takes over at once', async () => {
    const clock = new TestClock();
    const positions = await append(60);
    const a = replica('replica-a', clock, { retain: { maxDocuments: 100 }, delayMs: 2 });
    const b = replica('replica-b', clock);
    await a.projector.start();
    await b.projector.start();
    expect(b.projector.active).toBe(false);
    await waitUntil(() => a.projected.length >= 10, { timeoutMs: 5000, description: 'replica-a catching up' });

    await a.projector.stop();
    expect(a.projector.status()).toMatchObject({ active: false, holder: null, expiresAt: null, runners: [{ running: false }] });
    expect(a.states).toEqual(['active:replica-a', 'standby:null']);
    // Everything it projected is stored, with its checkpoint: it stopped at a batch boundary, before the end.
    const stored = await checker.checkpoint('tally');
    expect(stored).toBe(a.runner.position);
    expect(stored).toBe(a.projected[a.projected.length - 1]);
    expect(stored).toBeLessThan(positions[positions.length - 1]);
    expect((await tallies(checker)).reduce((sum, tally) => sum + tally.count, 0)).toBe(a.projected.length);

    // Released: the other replica acquires it on its next renewal, the clock unchanged.
    await waitUntil(() => b.projector.active, { timeoutMs: 2000, description: 'replica-b active' });
    await append(5);
    await caughtUp(b.runner);
    expect(b.projected[0]).toBe(stored + 1);
    await expectProjectedExactlyOnce();
    expect([...a.errors, ...b.errors]).toEqual([]);
  });

  it('stops projecting at once when a renewal names another holder (it stalled past its lease)', async () => {
    const clockA = new TestClock();
    const clockB = new TestClock(clockA.time);
    const a = replica('replica-a', clockA);
    const b = replica('replica-b', clockB);
    await a.projector.start();
    await b.projector.start();
    const before = await append(10);
    await caughtUp(a.runner);

    // Replica a's time stands still (as for a process frozen since): its renewals still say clockA.time, and
    // for everyone else its lease is over once clockA.time + TTL has passed.
    clockB.advance(TTL);
    await waitUntil(() => b.projector.active, { timeoutMs: 2000, description: 'replica-b active' });
    await waitUntil(() => !a.projector.active && !a.runner.status().running, { timeoutMs: 2000, description: 'replica-a in standby' });
    expect(a.states).toEqual(['active:replica-a', 'standby:replica-b']);
    expect(a.projector.status()).toMatchObject({ active: false, holder: 'replica-b', expiresAt: expect.any(Number) });

    await append(10);
    await caughtUp(b.runner);
    await sleep(10 * RENEW_EVERY_MS);
    expect(a.projected).toEqual(before);
    expect(a.projector.active).toBe(false);
    await expectProjectedExactlyOnce();
    expect([...a.errors, ...b.errors]).toEqual([]);
  });

  it('goes to standby when renewals fail, and resumes when they succeed again (nobody took the lease meanwhile)', async () => {
    const clock = new TestClock();
    let unreachable = false;
    const a = replica('replica-a', clock, {
      leaseStore: (store) =>
        withLease(store, (request) => (unreachable ? Promise.reject(new Error('read store unreachable')) : store.acquireLease(request))),
    });
    const b = replica('replica-b', clock);
    await a.projector.start();
    await b.projector.start();
    await append(5);
    await caughtUp(a.runner);

    unreachable = true;
    await waitUntil(() => !a.projector.active && !a.runner.status().running, { timeoutMs: 2000, description: 'replica-a in standby' });
    expect(a.errors).toContainEqual(new Error('read store unreachable'));
    // Its lease has not run out: the other replica still waits.
    await sleep(5 * RENEW_EVERY_MS);
    expect(b.projector.status()).toMatchObject({ active: false, holder: 'replica-a' });

    unreachable = false;
    await waitUntil(() => a.projector.active && a.runner.status().running, { timeoutMs: 2000, description: 'replica-a active again' });
    await append(5);
    await caughtUp(a.runner);
    expect(a.states).toEqual(['active:replica-a', 'standby:replica-a', 'active:replica-a']);
    expect(b.projected).toEqual([]);
    await expectProjectedExactlyOnce();
  });

  it('refuses bad options, and a bad lease name when started, without leaving a timer behind', async () => {
    const store = new InMemoryReadModelStore();
    const make = (options: Record<string, unknown>, runners: unknown = []) =>
      new LeasedProjector(store, runners as ProjectionRunner[], { owner: 'replica-a', ...options } as never);
    expect(() => make({ owner: '' })).toThrow(TypeError);
    expect(() => make({ owner: 42 })).toThrow(TypeError);
    expect(() => make({ leaseName: '' })).toThrow(TypeError);
    expect(() => make({ now: 'yesterday' })).toThrow(TypeError);
    expect(() => make({}, [{}])).toThrow(TypeError);
    expect(() => make({}, null)).toThrow(TypeError);
    for (const ttlMs of [0, -5, Number.NaN, Number.POSITIVE_INFINITY, '1000']) expect(() => make({ ttlMs })).toThrow(RangeError);
    for (const renewEveryMs of [0, 1000, 2000, Number.NaN]) expect(() => make({ ttlMs: 1000, renewEveryMs })).toThrow(RangeError);
    expect(() => new LeasedProjector(store, [], null as never)).toThrow(TypeError);

    let attempts = 0;
    const counting = withLease(store, (request) => {
      attempts++;
      return store.acquireLease(request);
    });
    const badName = new LeasedProjector(counting, [], { owner: 'replica-a', leaseName: 'no-dashes', renewEveryMs: 5 });
    await expect(badName.start()).rejects.toThrow(TypeError);
    const afterStart = attempts;
    await sleep(30);
    expect(attempts).toBe(afterStart);
    expect(badName.active).toBe(false);
    await expect(badName.start()).rejects.toThrow('stopped');

    // A clock that gives no valid time is a bad request too.
    const badClock = new LeasedProjector(store, [], { owner: 'replica-a', now: () => Number.NaN });
    await expect(badClock.start()).rejects.toThrow(RangeError);
  });
});

/** The store with its acquireLease replaced (everything else delegated). */
function withLease(
  store: ReadModelStore,
  acquireLease: (request: LeaseRequest) => ReturnType<ReadModelStore['acquireLease']>,
): ReadModelStore {
  return {
    collection: (spec) => store.collection(spec),
    apply: (batch) => store.apply(batch),
    checkpoint: (projection) => store.checkpoint(projection),
    dropCollection: (name) => store.dropCollection(name),
    renameCollection: (from, to) => store.renameCollection(from, to),
    resetCheckpoint: (projection) => store.resetCheckpoint(projection),
    acquireLease,
    releaseLease: (name, owner) => store.releaseLease(name, owner),
    close: () => store.close(),
  };
}
