import { InvalidInputError, NotFoundError } from '@okr/domain';
import { EventToAppend, InMemoryEventStore } from '@okr/event-store';
import { Collections, OKR_COLLECTIONS } from '@okr/projections';
import { InMemoryReadModelStore } from '@okr/read-model';
import { ReadModels } from '@okr/platform';
import { CheckInSeries } from './check-in-series';
import { encodeCheckInSeriesCursor } from './check-in-series-cursor';

const KR = 'kr-1';
const STREAM = `keyresult-${KR}`;

let n = 0;
function event(
  type: string,
  data: Record<string, unknown>,
  recordedAt: string,
  options: { tenantId?: string; actorId?: string; schemaVersion?: number } = {},
): EventToAppend {
  n++;
  return {
    type,
    data,
    metadata: {
      eventId: `event-${n}`,
      tenantId: options.tenantId ?? 'tenant-1',
      actorId: options.actorId ?? 'alice',
      correlationId: `c-${n}`,
      causationId: `c-${n}`,
      commandId: `c-${n}`,
      recordedAt,
      schemaVersion: options.schemaVersion ?? (type === 'KeyResultCheckedIn' ? 2 : 1),
    },
  };
}

const added = (keyResultId = KR, tenantId = 'tenant-1') =>
  event(
    'KeyResultAdded',
    {
      keyResultId,
      objectiveId: 'o-1',
      title: 'Signups',
      metric: { type: 'increase', start: 0, target: 100, unit: 'users' },
      weight: 1,
      ownerId: null,
      carriedOverFrom: null,
    },
    '2026-01-01T00:00:00.000Z',
    { tenantId },
  );

function checkIn(
  checkInId: string,
  value: number,
  recordedAt: string,
  effectiveAt: string | undefined,
  options: { actorId?: string; schemaVersion?: number; note?: string | null } = {},
) {
  const data: Record<string, unknown> = { keyResultId: KR, checkInId, value, confidence: value / 100, note: options.note ?? null };
  if (effectiveAt !== undefined) data.effectiveAt = effectiveAt;
  return event('KeyResultCheckedIn', data, recordedAt, options);
}

async function setUp(events: EventToAppend[]) {
  const store = new InMemoryEventStore();
  for (const e of events) await store.appendToStream(STREAM, [e]);
  const readModelStore = new InMemoryReadModelStore();
  await readModelStore.collection(OKR_COLLECTIONS.find((c) => c.name === Collections.users)!);
  await readModelStore.apply({
    ops: [
      {
        kind: 'upsert',
        collection: Collections.users,
        doc: { id: 'alice', version: 1, tenantId: 'tenant-1', name: 'Alice', role: 'member' },
      },
      { kind: 'upsert', collection: Collections.users, doc: { id: 'bob', version: 2, tenantId: 'tenant-1', name: 'Bob', role: 'member' } },
    ],
  });
  return { store, series: new CheckInSeries(store, new ReadModels(readModelStore)) };
}

/**
 * Recorded in this order (sequence 0..5): c1 on the 10th; c2 on the 12th backdated to the 5th; c3 on the 12th;
 * c4 recorded on the 14th backdated to the 12th at the same instant as c3 (a tie: c3 first, recorded earlier);
 * c5 on the 15th; a rename between them (not a check-in); c6 recorded on the 16th backdated to the 5th (a tie with c2).
 */
const HISTORY = [
  added(),
  checkIn('c1', 10, '2026-01-10T09:00:00.000Z', '2026-01-10T09:00:00.000Z'),
  checkIn('c2', 20, '2026-01-12T09:00:00.000Z', '2026-01-05T00:00:00.000Z', { actorId: 'bob', note: 'late' }),
  checkIn('c3', 30, '2026-01-12T12:00:00.000Z', '2026-01-12T12:00:00.000Z'),
  event('KeyResultRenamed', { keyResultId: KR, title: 'Sign-ups', previousTitle: 'Signups' }, '2026-01-13T00:00:00.000Z'),
  checkIn('c4', 40, '2026-01-14T08:00:00.000Z', '2026-01-12T12:00:00.000Z', { actorId: 'bob' }),
  checkIn('c5', 50, '2026-01-15T08:00:00.000Z', '2026-01-15T08:00:00.000Z', { actorId: 'carol' }),
  checkIn('c6', 60, '2026-01-16T08:00:00.000Z', '2026-01-05T00:00:00.000Z'),
];

describe('CheckInSeries', () => {
  it('orders the check-ins of the stream by effective time, ties by order of recording, with the actor names', async () => {
    const { series } = await setUp(HISTORY);
    const page = await series.page('tenant-1', KR, 200);
    expect(page.keyResultId).toBe(KR);
    expect(page.items.map((c) => c.id)).toEqual(['c2', 'c6', 'c1', 'c3', 'c4', 'c5']);
    expect(page.nextCursor).toBeNull();
    expect(page.items[0]).toEqual({
      id: 'c2',
      value: 20,
      confidence: 0.2,
      note: 'late',
      effectiveAt: '2026-01-05T00:00:00.000Z',
      recordedAt: '2026-01-12T09:00:00.000Z',
      actor: { id: 'bob', name: 'Bob' },
    });
    // An actor the users read model does not know (yet) is named by id.
    expect(page.items[5].actor).toEqual({ id: 'carol', name: 'carol' });
  });

  it('pages with cursors across pages: the same series, each check-in once', async () => {
    const { series } = await setUp(HISTORY);
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await series.page('tenant-1', KR, 4 - (sizes.length % 2) * 2, cursor);
      seen.push(...page.items.map((c) => c.id));
      sizes.push(page.items.length);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(sizes).toEqual([4, 2]);
    expect(seen).toEqual(['c2', 'c6', 'c1', 'c3', 'c4', 'c5']);
    // A page that ends exactly at the last check-in has no next cursor.
    expect((await series.page('tenant-1', KR, 6)).nextCursor).toBeNull();
  });

  it('keeps a page boundary stable when a check-in is backdated before it meanwhile (keyset, not offset)', async () => {
    const { store, series } = await setUp(HISTORY);
    const first = await series.page('tenant-1', KR, 3);
    expect(first.items.map((c) => c.id)).toEqual(['c2', 'c6', 'c1']);
    await store.appendToStream(STREAM, [checkIn('c7', 70, '2026-01-17T08:00:00.000Z', '2026-01-01T00:00:00.000Z')]);
    const second = await series.page('tenant-1', KR, 3, first.nextCursor!);
    expect(second.items.map((c) => c.id)).toEqual(['c3', 'c4', 'c5']);
    expect(second.nextCursor).toBeNull();
    // Always current: the new check-in is in the series at once (no projection to wait for).
    expect((await series.page('tenant-1', KR, 1)).items.map((c) => c.id)).toEqual(['c7']);
  });

  it('refuses a cursor it did not return with a 400 naming cursor', async () => {
    const { series } = await setUp(HISTORY);
    const otherList = Buffer.from(JSON.stringify({ o: 'asc', p: 12 })).toString('base64url');
    for (const bad of [
      'garbage!',
      'bm90IGpzb24',
      otherList,
      Buffer.from('{"e":1,"s":-1}').toString('base64url'),
      Buffer.from('null').toString('base64url'),
    ]) {
      const error = await series.page('tenant-1', KR, 10, bad).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).toMatchObject({ code: 'cursor.invalid', field: 'cursor' });
    }
    // A well-formed cursor past the end is an empty last page.
    expect(
      await series.page('tenant-1', KR, 10, encodeCheckInSeriesCursor({ effectiveAt: Date.parse('2027-01-01T00:00:00Z'), sequence: 0 })),
    ).toEqual({
      keyResultId: KR,
      items: [],
      nextCursor: null,
    });
  });

  it("answers 404 for a key result without a stream or of another tenant, and still serves a removed one's series", async () => {
    const { store, series } = await setUp(HISTORY);
    await expect(series.page('tenant-2', KR, 10)).rejects.toMatchObject({ code: 'key_result.not_found' });
    await expect(series.page('tenant-2', KR, 10)).rejects.toBeInstanceOf(NotFoundError);
    await expect(series.page('tenant-1', 'missing', 10)).rejects.toMatchObject({ code: 'key_result.not_found' });
    await store.appendToStream(STREAM, [
      event('KeyResultRemoved', { keyResultId: KR, removedAt: '2026-01-20T00:00:00.000Z' }, '2026-01-20T00:00:00.000Z'),
    ]);
    expect((await series.page('tenant-1', KR, 10)).items).toHaveLength(6);
  });

  it('reads v1 check-ins upcast: without effectiveAt they took effect when recorded; a pre-bump one keeps its own', async () => {
    const { series } = await setUp([
      added(),
      checkIn('v1a', 10, '2026-01-12T09:30:00.000Z', undefined, { schemaVersion: 1 }),
      checkIn('v1b', 35, '2026-02-09T08:00:00.000Z', undefined, { schemaVersion: 1 }),
      checkIn('v1c', 30, '2026-02-11T10:00:00.000Z', '2026-02-02T00:00:00.000Z', { schemaVersion: 1 }),
      checkIn('v2', 40, '2026-02-12T10:00:00.000Z', '2026-01-20T00:00:00.000Z'),
    ]);
    const page = await series.page('tenant-1', KR, 10);
    expect(page.items.map((c) => [c.id, c.effectiveAt, c.recordedAt])).toEqual([
      ['v1a', '2026-01-12T09:30:00.000Z', '2026-01-12T09:30:00.000Z'],
      ['v2', '2026-01-20T00:00:00.000Z', '2026-02-12T10:00:00.000Z'],
      ['v1c', '2026-02-02T00:00:00.000Z', '2026-02-11T10:00:00.000Z'],
      ['v1b', '2026-02-09T08:00:00.000Z', '2026-02-09T08:00:00.000Z'],
    ]);
  });
});
