import { InMemoryEventStore } from '@okr/event-store';
import { InMemoryReadModelStore } from '@okr/read-model';
import { Projection } from '../projection';
import { ProjectionRunner, ensureProjectionVersion, rebuildProjection } from './projection-runner';
import { versionCheckpointName } from './rebuild';

/** A projection whose document shape depends on its version: it counts events per stream. */
function counter(version: number): Projection {
  return {
    name: 'counter',
    version,
    collections: [{ name: 'counts', indexes: [] }],
    async project(event, read) {
      const doc = await read.get<{ id: string; version: number; count: number }>('counts', event.streamId);
      const count = (doc?.count ?? 0) + 1;
      return [
        {
          kind: 'put',
          collection: 'counts',
          doc: version === 1 ? { id: event.streamId, count } : { id: event.streamId, count, shape: `v${version}` },
        },
      ];
    },
  };
}

async function storeWithEvents(n: number) {
  const events = new InMemoryEventStore();
  for (let i = 0; i < n; i++) {
    await events.appendToStream(`s-${i % 3}`, [
      {
        type: 'Happened',
        data: { i },
        metadata: {
          eventId: `e${i}`,
          tenantId: 't',
          actorId: 'a',
          correlationId: 'c',
          causationId: 'c',
          commandId: 'c',
          recordedAt: '2026-01-01T00:00:00.000Z',
          schemaVersion: 1,
        },
      },
    ]);
  }
  return events;
}

describe('ensureProjectionVersion', () => {
  it('stamps read models that do not exist yet, without rebuilding', async () => {
    const events = await storeWithEvents(5);
    const readModels = new InMemoryReadModelStore();
    expect(await ensureProjectionVersion(events, readModels, counter(2))).toBe(false);
    expect(await readModels.checkpoint(versionCheckpointName(counter(2)))).toBe(2);
  });

  it('rebuilds read models built by an older version (or before versions were recorded) and stamps the new one', async () => {
    const events = await storeWithEvents(9);
    const readModels = new InMemoryReadModelStore();
    await new ProjectionRunner(events, readModels, counter(1)).catchUp();
    const old = await (
      await readModels.collection<{ id: string; version: number; shape?: string }>({ name: 'counts', indexes: [] })
    ).get('s-0');
    expect(old).toMatchObject({ count: 3 });
    expect(old?.shape).toBeUndefined();

    const rebuilds: number[] = [];
    expect(await ensureProjectionVersion(events, readModels, counter(2), { onRebuild: (stored) => rebuilds.push(stored) })).toBe(true);
    expect(rebuilds).toEqual([1]);
    const counts = await readModels.collection<{ id: string; version: number; count: number; shape?: string }>({
      name: 'counts',
      indexes: [],
    });
    expect(await counts.get('s-0')).toMatchObject({ count: 3, shape: 'v2' });
    expect(await readModels.checkpoint('counter')).toBe(9);
    expect(await readModels.checkpoint(versionCheckpointName(counter(2)))).toBe(2);

    // Same version again: nothing to do.
    expect(await ensureProjectionVersion(events, readModels, counter(2), { onRebuild: (stored) => rebuilds.push(stored) })).toBe(false);
    expect(rebuilds).toEqual([1]);
  });

  it('is what a runner asked to ensure the version does before catching up', async () => {
    const events = await storeWithEvents(4);
    const readModels = new InMemoryReadModelStore();
    await new ProjectionRunner(events, readModels, counter(1)).catchUp();
    const rebuilds: number[] = [];
    await new ProjectionRunner(events, readModels, counter(3), { ensureVersion: { onRebuild: (v) => rebuilds.push(v) } }).catchUp();
    expect(rebuilds).toEqual([1]);
    const counts = await readModels.collection<{ id: string; version: number; shape?: string }>({ name: 'counts', indexes: [] });
    expect((await counts.get('s-1'))?.shape).toBe('v3');
  });

  it('counts read models swapped in by a rebuild as this version (no second rebuild at start)', async () => {
    const events = await storeWithEvents(6);
    const readModels = new InMemoryReadModelStore();
    await rebuildProjection(events, readModels, counter(2));
    expect(await readModels.checkpoint(versionCheckpointName(counter(2)))).toBe(2);
    const rebuilds: number[] = [];
    expect(await ensureProjectionVersion(events, readModels, counter(2), { onRebuild: (v) => rebuilds.push(v) })).toBe(false);
    expect(rebuilds).toEqual([]);
  });

  it('rebuilds with the batch size and retained documents it is given (a runner passes its own: the API rebuilds in its capped heap)', async () => {
    const events = await storeWithEvents(35);
    const readModels = new InMemoryReadModelStore();
    await new ProjectionRunner(events, readModels, counter(1)).catchUp();
    let settles = 0;
    const base = counter(2);
    const settling: Projection = {
      ...base,
      async project(event, read) {
        return [...(await base.project(event, read)), { kind: 'settle', collection: 'counts', id: event.streamId }];
      },
      async settle() {
        settles++;
        return [];
      },
    };
    const runner = new ProjectionRunner(events, readModels, settling, {
      retain: { maxDocuments: 2 },
      ensureVersion: { rebuildBatchSize: 10 },
    });
    await runner.catchUp();
    // 35 events in batches of 10: settled 4 times, and the documents are the new version's.
    expect(settles).toBe(4);
    const rebuilt = await (
      await readModels.collection<{ id: string; version: number; count: number; shape?: string }>({ name: 'counts', indexes: [] })
    ).get('s-0');
    expect(rebuilt).toMatchObject({ count: 12, shape: 'v2' });
  });
});
