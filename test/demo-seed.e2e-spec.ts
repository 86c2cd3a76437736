import { METRIC_TYPES, expectedProgress } from '@okr/domain';
import { SqliteEventStore, StoredEvent } from '@okr/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApiApp } from '../apps/api/src/create-api-app';
import { SEED_DEFAULTS, storeHasOkrData } from '@okr/demo';
import { RunDemoSeedOptions, RunDemoSeedResult, DemoStoreNotEmptyError, runDemoSeed } from '../apps/api/src/run-demo-seed';
import { SqliteIdempotencyStore } from '@okr/platform';
import { ADMIN_TOKEN } from './support/test-api';

const SMALL = { teams: 4, objectives: 8, days: 14, seed: 42 };

interface SeededStore {
  dir: string;
  store: SqliteEventStore;
  result: RunDemoSeedResult;
  events: StoredEvent[];
}

const open: SeededStore[] = [];

function openStore(): { dir: string; store: SqliteEventStore; idempotencyStore: SqliteIdempotencyStore } {
  const dir = mkdtempSync(join(tmpdir(), 'okr-demo-'));
  const store = SqliteEventStore.open({ filePath: join(dir, 'okr.db') });
  return { dir, store, idempotencyStore: new SqliteIdempotencyStore(store.database) };
}

async function seeded(options: Partial<RunDemoSeedOptions> = {}): Promise<SeededStore> {
  const { dir, store, idempotencyStore } = openStore();
  const result = await runDemoSeed({
    eventStore: store,
    idempotencyStore,
    adminToken: ADMIN_TOKEN,
    logLevels: false,
    ...SMALL,
    ...options,
  });
  const seededStore = { dir, store, result, events: await store.readAll() };
  open.push(seededStore);
  return seededStore;
}

const ofType = (events: StoredEvent[], type: string) => events.filter((e) => e.type === type);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- stored event data of every type, read field by field in assertions
const data = (e: StoredEvent) => e.data as Record<string, any>;

afterAll(async () => {
  for (const { store, dir } of open) {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('demo seed (through the command bus, on the embedded store)', () => {
  let seed: SeededStore;
  const startedAt = Date.now();
  beforeAll(async () => {
    seed = await seeded();
  });

  it('reports what it wrote', () => {
    const { summary } = seed.result;
    expect(summary).toMatchObject({ teams: 4, objectives: 8, cycle: { id: expect.any(String) } });
    expect(summary.users).toBeGreaterThanOrEqual(4);
    expect(summary.keyResults).toBeGreaterThanOrEqual(16);
    expect(summary.checkIns).toBe(ofType(seed.events, 'KeyResultCheckedIn').length);
    // Everything but the tenant and its admin (created at start-up) came from the seeding commands.
    expect(summary.events).toBe(seed.events.length - 2);
    expect(seed.result.generatedAdminToken).toBeUndefined();
  });

  it('builds a three-level team tree', () => {
    const teams = ofType(seed.events, 'TeamCreated').map(data);
    expect(teams).toHaveLength(4);
    const parentOf = new Map(teams.map((t) => [t.teamId as string, t.parentTeamId as string | null]));
    const depth = (id: string): number => (parentOf.get(id) ? 1 + depth(parentOf.get(id)!) : 1);
    expect(new Set(teams.map((t) => depth(t.teamId)))).toEqual(new Set([1, 2, 3]));
  });

  it('schedules one cycle that today is two thirds through: started `days` days ago, lasting half as long again', () => {
    const [cycle] = ofType(seed.events, 'CycleScheduled').map(data);
    const today = new Date().toISOString().slice(0, 10);
    const day = (offset: number) => new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    expect(cycle.startsOn).toBe(day(-14));
    expect(cycle.endsOn).toBe(day(6));
    // 14 of its 21 days are over at midnight, 15 by the end of today.
    const elapsed = expectedProgress({ startsOn: cycle.startsOn, endsOn: cycle.endsOn }, Date.now());
    expect(elapsed).toBeGreaterThanOrEqual(14 / 21);
    expect(elapsed).toBeLessThanOrEqual(15 / 21);
    expect(cycle.name).toMatch(/^\d{4} Q[1-4]$/);
  });

  it('gives every objective a title of its own, and key results titles that state their start and target', () => {
    const titles = ofType(seed.events, 'ObjectiveCreated').map((e) => data(e).title as string);
    expect(new Set(titles).size).toBe(titles.length);
    for (const e of ofType(seed.events, 'KeyResultAdded')) {
      const { title, metric } = data(e);
      if (metric.type === 'increase' || metric.type === 'decrease') expect(title).toMatch(/ from .+ to .+/);
      else if (metric.type !== 'milestone') expect(title).toMatch(/ at or (above|below) .+| at .+ or fewer/);
      expect(title).not.toMatch(/\b(at most|at least)$/);
    }
    // A moved target renames its key result: the new title states the new target.
    const renamed = new Map(ofType(seed.events, 'KeyResultRenamed').map((e) => [e.metadata.commandId, data(e).title as string]));
    for (const e of ofType(seed.events, 'KeyResultTargetChanged')) expect(renamed.get(e.metadata.commandId)).toBeDefined();
  });

  it('adds key results of every metric type, and aligns objectives with weights', () => {
    expect(new Set(ofType(seed.events, 'KeyResultAdded').map((e) => data(e).metric.type))).toEqual(new Set(METRIC_TYPES));
    expect(ofType(seed.events, 'ObjectiveCreated')).toHaveLength(8);
    const aligned = ofType(seed.events, 'ObjectiveAligned').map(data);
    expect(aligned.length).toBeGreaterThan(0);
    for (const a of aligned) expect(a.weight).toBeGreaterThan(0);
    const owners = new Set(ofType(seed.events, 'ObjectiveCreated').map((e) => data(e).ownerId));
    expect(owners.size).toBeGreaterThan(1);
  });

  it('moves initiatives into several statuses', () => {
    const status = new Map<string, string>();
    for (const e of seed.events) {
      if (e.type === 'InitiativeCreated' || e.type === 'InitiativeStatusChanged') status.set(data(e).initiativeId, data(e).status);
    }
    expect(status.size).toBeGreaterThan(0);
    expect(new Set(status.values()).size).toBeGreaterThanOrEqual(3);
    expect(ofType(seed.events, 'InitiativeCreated').some((e) => data(e).keyResultIds.length === 0)).toBe(true);
  });

  it('spreads check-ins over the simulated days, none in the future', () => {
    const checkIns = ofType(seed.events, 'KeyResultCheckedIn');
    expect(checkIns.length).toBeGreaterThan(20);
    const days = new Set(checkIns.map((e) => e.metadata.recordedAt.slice(0, 10)));
    expect(days.size).toBeGreaterThanOrEqual(5);
    const finishedAt = Date.now();
    for (const e of seed.events) {
      const at = Date.parse(e.metadata.recordedAt);
      expect(at).toBeLessThanOrEqual(finishedAt);
      expect(at).toBeGreaterThan(startedAt - 15 * 86_400_000);
    }
    for (const e of checkIns) {
      expect(Date.parse(data(e).effectiveAt)).toBeLessThanOrEqual(Date.parse(e.metadata.recordedAt));
      expect(data(e).confidence).toBeGreaterThanOrEqual(0);
      expect(data(e).confidence).toBeLessThanOrEqual(1);
      expect(Math.round(data(e).confidence * 100) / 100).toBe(data(e).confidence);
    }
    // Recorded in the order they happened.
    const times = seed.events.map((e) => e.metadata.recordedAt);
    expect([...times].sort()).toEqual(times);
  });

  it('records target changes with reasons', () => {
    const changes = ofType(seed.events, 'KeyResultTargetChanged').map(data);
    expect(changes.length).toBeGreaterThan(0);
    for (const c of changes) {
      expect(typeof c.reason).toBe('string');
      expect(c.reason.length).toBeGreaterThan(5);
      expect(c.target).not.toBe(c.previousTarget);
    }
  });

  it('records real people as actors, each a user of the tenant', () => {
    const users = new Set(ofType(seed.events, 'UserCreated').map((e) => data(e).userId));
    const actors = new Set(seed.events.map((e) => e.metadata.actorId));
    const people = [...actors].filter((a) => users.has(a) && a !== 'default-admin');
    expect(people.length).toBeGreaterThanOrEqual(3);
    for (const e of ofType(seed.events, 'KeyResultCheckedIn')) expect(users.has(e.metadata.actorId)).toBe(true);
    for (const e of seed.events) expect(e.metadata.tenantId).toBe('default');
  });

  it('then serves a seeded objective over HTTP with progress between 0 and 1', async () => {
    const { app } = await createApiApp({
      eventStore: seed.store,
      idempotencyStore: new SqliteIdempotencyStore(seed.store.database),
      adminToken: ADMIN_TOKEN,
      logLevels: false,
    });
    try {
      const objectiveId = data(ofType(seed.events, 'ObjectiveCreated')[0]).objectiveId;
      const response = await request(app.getHttpServer())
        .get(`/api/objectives/${objectiveId}`)
        .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
        .expect(200);
      expect(response.body.id).toBe(objectiveId);
      expect(response.body.progress).toBeGreaterThanOrEqual(0);
      expect(response.body.progress).toBeLessThanOrEqual(1);
      expect(response.body.keyResults.length).toBeGreaterThanOrEqual(2);
    } finally {
      await app.close();
    }
  });

  it('refuses a store that already has OKR data, unless forced', async () => {
    const { store } = seed;
    const idempotencyStore = new SqliteIdempotencyStore(store.database);
    expect(await storeHasOkrData(store)).toBe(true);
    const head = await store.headPosition();
    await expect(
      runDemoSeed({ eventStore: store, idempotencyStore, adminToken: ADMIN_TOKEN, logLevels: false, ...SMALL }),
    ).rejects.toBeInstanceOf(DemoStoreNotEmptyError);
    expect(await store.headPosition()).toBe(head);

    const forced = await runDemoSeed({
      eventStore: store,
      idempotencyStore,
      adminToken: ADMIN_TOKEN,
      logLevels: false,
      teams: 3,
      objectives: 2,
      days: 2,
      seed: 42,
      force: true,
    });
    expect(forced.summary.objectives).toBe(2);
    expect(ofType(await store.readAll({ after: head }), 'CycleScheduled')).toHaveLength(1);
  });
});

describe('the default demo organisation, as the API shows it', () => {
  let seed: SeededStore;
  let app: Awaited<ReturnType<typeof createApiApp>>['app'];
  beforeAll(async () => {
    seed = await seeded({ teams: SEED_DEFAULTS.teams, objectives: SEED_DEFAULTS.objectives, days: SEED_DEFAULTS.days });
    ({ app } = await createApiApp({
      eventStore: seed.store,
      idempotencyStore: new SqliteIdempotencyStore(seed.store.database),
      adminToken: ADMIN_TOKEN,
      logLevels: false,
    }));
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the alignment answer, read field by field
  type Node = { title: string; status: string; confidence: number | null; children: any[] };
  const flatten = (nodes: Node[]): Node[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

  it('is two thirds through its cycle, with most objectives on track, some at risk and a few off track', async () => {
    const res = await request(app.getHttpServer())
      .get(`/api/cycles/${seed.result.summary.cycle.id}/alignment`)
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .expect(200);
    expect(res.body.expected).toBeGreaterThan(0.66);
    expect(res.body.expected).toBeLessThan(0.68);
    const nodes = flatten(res.body.roots);
    expect(nodes).toHaveLength(SEED_DEFAULTS.objectives);
    const count = (status: string) => nodes.filter((n) => n.status === status).length;
    expect(count('on_track')).toBeGreaterThan(nodes.length / 2);
    expect(count('at_risk')).toBeGreaterThanOrEqual(5);
    expect(count('off_track')).toBeGreaterThanOrEqual(1);
    expect(count('off_track')).toBeLessThan(count('at_risk'));
    expect(new Set(nodes.map((n) => n.title)).size).toBe(nodes.length);
  });

  it('answers confidences with at most two decimals', async () => {
    const objectives = await request(app.getHttpServer())
      .get(`/api/objectives?cycleId=${seed.result.summary.cycle.id}&limit=100`)
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .expect(200);
    const confidences = [...objectives.text.matchAll(/"confidence":(-?[\d.e-]+)/g)].map((m) => m[1]);
    expect(confidences.length).toBeGreaterThan(SEED_DEFAULTS.objectives / 2);
    for (const text of confidences) expect(text).toMatch(/^[01](\.\d{1,2})?$/);
    // Means of several key results' confidences: some are not a multiple of 0.05, and are still read with two decimals.
    expect(confidences.some((text) => Math.round(Number(text) * 20) !== Number(text) * 20)).toBe(true);
  });
});

describe('demo seed determinism', () => {
  const now = new Date();
  /** Tokens are random by design (only their hashes are stored): everything else must match. */
  // A user's token is random: its hash, and so the event's hash-chain hash (which covers the data), differ per run.
  const comparable = (events: StoredEvent[]) =>
    events.map((e) =>
      e.type === 'UserCreated' ? { ...e, data: { ...data(e), tokenHash: '…' }, metadata: { ...e.metadata, hash: '…' } } : e,
    );

  it('gives the same events — types, data, ids, times — for the same seed, and others for another seed', async () => {
    const [a, b, c] = await Promise.all([seeded({ now }), seeded({ now }), seeded({ now, seed: 43 })]);
    expect(a.events.length).toBeGreaterThan(100);
    expect(comparable(b.events)).toEqual(comparable(a.events));
    expect(comparable(c.events)).not.toEqual(comparable(a.events));
  });

  it('treats an empty store and one with only its administrator as empty', async () => {
    const { store, dir } = openStore();
    try {
      expect(await storeHasOkrData(store)).toBe(false);
      const { app } = await createApiApp({
        eventStore: store,
        idempotencyStore: new SqliteIdempotencyStore(store.database),
        adminToken: ADMIN_TOKEN,
        logLevels: false,
      });
      await app.close();
      expect(await store.headPosition()).toBe(2);
      expect(await storeHasOkrData(store)).toBe(false);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
