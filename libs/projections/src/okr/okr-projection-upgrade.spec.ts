import { isOkrEvent } from '@okr/domain';
import { InMemoryEventStore } from '@okr/event-store';
import { InMemoryReadModelStore, ReadModelStore, SqliteReadModelStore } from '@okr/read-model';
import Database from 'better-sqlite3';
import { DocumentChange, Projection } from '../projection';
import { ProjectionRunner } from '../runner/projection-runner';
import { ensureProjectionVersion } from '../runner/projection-runner';
import { okrEventAppender } from '../testing/okr-event-appender';
import { versionCheckpointName } from '../runner/rebuild';
import { Collections, OKR_COLLECTIONS, ObjectiveDocument } from './okr-documents';
import { okrProjection } from './okr.projection';

/** A cycle, an objective with two key results, and check-ins on both (one backdated). */
async function history(): Promise<InMemoryEventStore> {
  const events = new InMemoryEventStore();
  const { append } = okrEventAppender(events, (n) => new Date(Date.parse('2026-01-02T08:00:00.000Z') + n * 60_000).toISOString());
  await append('cycle-q1', 'CycleScheduled', { cycleId: 'q1', name: 'Q1', startsOn: '2026-01-01', endsOn: '2026-03-31' });
  await append('objective-o1', 'ObjectiveCreated', {
    objectiveId: 'o1',
    cycleId: 'q1',
    title: 'Grow',
    description: null,
    ownerId: null,
    teamId: null,
    kind: 'committed',
    carriedOverFrom: null,
  });
  for (const kr of ['k1', 'k2']) {
    await append(`keyresult-${kr}`, 'KeyResultAdded', {
      keyResultId: kr,
      objectiveId: 'o1',
      title: `KR ${kr}`,
      metric: { type: 'increase', start: 0, target: 100, unit: 'users' },
      weight: 1,
      ownerId: null,
      carriedOverFrom: null,
      checkInCadence: null,
    });
  }
  for (let c = 0; c < 12; c++) {
    const kr = c % 2 === 0 ? 'k1' : 'k2';
    const effectiveAt =
      c === 7 ? '2026-01-01T12:00:00.000Z' : new Date(Date.parse('2026-01-03T00:00:00.000Z') + c * 3_600_000).toISOString();
    await append(`keyresult-${kr}`, 'KeyResultCheckedIn', {
      keyResultId: kr,
      checkInId: `ci-${c}`,
      value: c * 8,
      confidence: 0.5,
      note: null,
      effectiveAt,
    });
  }
  return events;
}

/** Version 3 of the okr projection as far as storage goes: the same documents plus a write-only `check_ins` collection. */
const okrV3: Projection = {
  ...okrProjection,
  version: 3,
  retiredCollections: [],
  collections: [...OKR_COLLECTIONS, { name: 'check_ins', indexes: ['keyResultId', 'effectiveAt', 'sequence'], writeOnly: true }],
  async project(event, read) {
    const changes = await okrProjection.project(event, read);
    if (!isOkrEvent(event) || event.type !== 'KeyResultCheckedIn') return changes;
    const data = event.data;
    return [
      ...changes,
      {
        kind: 'put',
        collection: 'check_ins',
        doc: { id: `p${event.position}`, keyResultId: data.keyResultId, checkInId: data.checkInId, value: data.value },
      },
    ];
  },
};

async function documents(store: ReadModelStore) {
  const out: Record<string, unknown[]> = {};
  for (const spec of OKR_COLLECTIONS) {
    const docs: unknown[] = [];
    for await (const doc of (await store.collection(spec)).scan()) docs.push(doc);
    out[spec.name] = docs;
  }
  return out;
}

const tables = (db: Database.Database) =>
  db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rm\\_%' ESCAPE '\\' ORDER BY name")
    .pluck()
    .all() as string[];

/** Version 4 as far as storage goes: key results without their cadence and creation time. */
const okrV4: Projection = {
  ...okrProjection,
  version: 4,
  async project(event, read) {
    return (await okrProjection.project(event, read)).map((change) => {
      if (change.kind !== 'put' || change.collection !== Collections.keyResults) return change;
      const { checkInCadence: _cadence, createdAt: _createdAt, ...doc } = change.doc;
      return { ...change, doc };
    });
  },
};

/** Version 5 as far as storage goes: objectives without their last check-in (nor their key results' summaries). */
const okrV5: Projection = {
  ...okrProjection,
  version: 5,
  async project(event, read) {
    return (await okrProjection.project(event, read)).map(withoutLastCheckIn);
  },
  async settle(pending, read) {
    return (await okrProjection.settle!(pending, read)).map(withoutLastCheckIn);
  },
};

function withoutLastCheckIn(change: DocumentChange): DocumentChange {
  if (change.kind !== 'put' || change.collection !== Collections.objectives) return change;
  const { lastCheckInAt: _last, keyResults, ...doc } = change.doc as ObjectiveDocument & Record<string, unknown>;
  return { ...change, doc: { ...doc, keyResults: keyResults.map(({ lastCheckInAt: _at, ...summary }) => summary) } };
}

describe('okr projection version 6 (objectives know their last check-in; no check_ins collection since version 4)', () => {
  it('declares no check-in collection: the key results count the check-ins and carry the current value', async () => {
    expect(okrProjection.version).toBe(6);
    expect(OKR_COLLECTIONS.map((c) => c.name)).not.toContain('check_ins');
    expect(OKR_COLLECTIONS.some((c) => c.writeOnly)).toBe(false);
    const store = new InMemoryReadModelStore();
    await new ProjectionRunner(await history(), store, okrProjection).catchUp();
    const keyResults = await store.collection<{
      id: string;
      version: number;
      checkInCount: number;
      current: number;
      currentEffectiveAt: string;
    }>(OKR_COLLECTIONS.find((c) => c.name === Collections.keyResults)!);
    // k2's check-ins: values 8, 24, 40, 56 (the backdated one), 72, 88; the latest effective one is 88.
    expect(await keyResults.get('k2')).toMatchObject({ checkInCount: 6, current: 88, currentEffectiveAt: '2026-01-03T11:00:00.000Z' });
    expect(await keyResults.get('k1')).toMatchObject({ checkInCount: 6, current: 80 });
  });

  it('upgrades SQLite read models built by version 5: rebuilds them, objectives get their last check-in', async () => {
    const events = await history();
    const db = new Database(':memory:');
    const store = SqliteReadModelStore.attach(db);
    try {
      await ensureProjectionVersion(events, store, okrV5);
      await new ProjectionRunner(events, store, okrV5).catchUp();
      const objectives = () =>
        store.collection<ObjectiveDocument & Record<string, unknown>>(OKR_COLLECTIONS.find((c) => c.name === Collections.objectives)!);
      expect(await (await objectives()).get('o1')).not.toHaveProperty('lastCheckInAt');

      expect(await ensureProjectionVersion(events, store, okrProjection)).toBe(true);
      expect(await store.checkpoint(versionCheckpointName(okrProjection))).toBe(6);
      // k1's current check-in is its last (c = 10, 2026-01-03T10:00), k2's its c = 11 one (11:00): the objective's is k2's.
      expect(await (await objectives()).get('o1')).toMatchObject({
        keyResults: [
          { id: 'k1', lastCheckInAt: '2026-01-03T10:00:00.000Z' },
          { id: 'k2', lastCheckInAt: '2026-01-03T11:00:00.000Z' },
        ],
        lastCheckInAt: '2026-01-03T11:00:00.000Z',
      });
      const fresh = new InMemoryReadModelStore();
      await new ProjectionRunner(events, fresh, okrProjection).catchUp();
      expect(await documents(store)).toEqual(await documents(fresh));
    } finally {
      await store.close();
      db.close();
    }
  });

  it('upgrades SQLite read models built by version 4: rebuilds them, key results get their cadence and creation time', async () => {
    const events = await history();
    const db = new Database(':memory:');
    const store = SqliteReadModelStore.attach(db);
    try {
      await ensureProjectionVersion(events, store, okrV4);
      await new ProjectionRunner(events, store, okrV4).catchUp();
      const keyResults = () =>
        store.collection<{ id: string; version: number }>(OKR_COLLECTIONS.find((c) => c.name === Collections.keyResults)!);
      expect(await (await keyResults()).get('k1')).not.toHaveProperty('createdAt');

      expect(await ensureProjectionVersion(events, store, okrProjection)).toBe(true);
      expect(await store.checkpoint(versionCheckpointName(okrProjection))).toBe(6);
      expect(await (await keyResults()).get('k1')).toMatchObject({ checkInCadence: null, createdAt: '2026-01-02T08:03:00.000Z' });
      const fresh = new InMemoryReadModelStore();
      await new ProjectionRunner(events, fresh, okrProjection).catchUp();
      expect(await documents(store)).toEqual(await documents(fresh));
    } finally {
      await store.close();
      db.close();
    }
  });

  it('upgrades SQLite read models built by version 3: rebuilds them, drops the check_ins table, stamps the current version', async () => {
    const events = await history();
    const db = new Database(':memory:');
    const store = SqliteReadModelStore.attach(db);
    try {
      await ensureProjectionVersion(events, store, okrV3);
      await new ProjectionRunner(events, store, okrV3).catchUp();
      expect(await store.checkpoint(versionCheckpointName(okrProjection))).toBe(3);
      expect(tables(db)).toContain('rm_check__ins');
      expect(await (await store.collection({ name: 'check_ins', indexes: [] })).count()).toBe(12);

      const rebuilt: number[] = [];
      expect(await ensureProjectionVersion(events, store, okrProjection, { onRebuild: (stored) => rebuilt.push(stored) })).toBe(true);
      expect(rebuilt).toEqual([3]);
      expect(tables(db)).not.toContain('rm_check__ins');
      expect(await store.checkpoint(versionCheckpointName(okrProjection))).toBe(6);
      expect(await store.checkpoint(okrProjection.name)).toBe(await events.headPosition());

      const fresh = new InMemoryReadModelStore();
      await new ProjectionRunner(events, fresh, okrProjection).catchUp();
      expect(await documents(store)).toEqual(await documents(fresh));

      // The live runner goes on from there, and a second start does not rebuild again.
      await events.appendToStream('keyresult-k1', [
        {
          type: 'KeyResultCheckedIn',
          data: {
            keyResultId: 'k1',
            checkInId: 'ci-late',
            value: 99,
            confidence: 0.9,
            note: null,
            effectiveAt: '2026-02-01T00:00:00.000Z',
          },
          metadata: {
            eventId: 'event-late',
            tenantId: 'tenant-1',
            actorId: 'user-1',
            correlationId: 'c',
            causationId: 'c',
            commandId: 'c',
            recordedAt: '2026-02-01T00:00:00.000Z',
            schemaVersion: 2,
          },
        },
      ]);
      expect(await ensureProjectionVersion(events, store, okrProjection)).toBe(false);
      await new ProjectionRunner(events, store, okrProjection).catchUp();
      const k1 = await (
        await store.collection<{ id: string; version: number; checkInCount: number; current: number }>(
          OKR_COLLECTIONS.find((c) => c.name === Collections.keyResults)!,
        )
      ).get('k1');
      expect(k1).toMatchObject({ checkInCount: 7, current: 99 });
      expect(tables(db)).not.toContain('rm_check__ins');
    } finally {
      await store.close();
      db.close();
    }
  });
});
