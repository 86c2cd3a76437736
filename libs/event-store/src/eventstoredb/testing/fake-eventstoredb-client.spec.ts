import { ANY, NO_STREAM, WrongExpectedVersionError, jsonEvent } from '@eventstore/db-client';
import { FakeEventStoreDbClient } from './fake-eventstoredb-client';

/**
 * The fake answers appends of events whose ids are already stored as EventStoreDB documents it ("Duplicate event
 * handling"; idempotence is guaranteed for an append with the expected revision the events were first written at,
 * best effort with `any`), since the adapter's idempotent retries rest on it.
 */
describe('FakeEventStoreDbClient: appends of event ids already stored, as EventStoreDB answers them', () => {
  const event = (id: string) => jsonEvent({ id, type: 'Happened', data: { id } });
  const ids = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];
  const inStream = (fake: FakeEventStoreDbClient) => fake.log.filter((record) => record.streamName === 's').map((record) => record.id);

  it('the same events appended twice in quick succession (expected revision any) are stored once', async () => {
    const fake = new FakeEventStoreDbClient();
    const first = await fake.appendToStream('s', [event(ids[0])], { expectedRevision: ANY });
    const again = await fake.appendToStream('s', [event(ids[0])], { expectedRevision: ANY });
    expect(again).toEqual(first);
    expect(inStream(fake)).toEqual([ids[0]]);
  });

  it('an append expecting the revision its events were first written at is answered "already written", even after the stream moved on', async () => {
    const fake = new FakeEventStoreDbClient();
    const first = await fake.appendToStream('s', ids.map(event), { expectedRevision: NO_STREAM });
    await fake.appendToStream('s', [event('00000000-0000-4000-8000-000000000003')], { expectedRevision: 1n });
    await expect(fake.appendToStream('s', ids.map(event), { expectedRevision: NO_STREAM })).resolves.toEqual(first);
    expect(inStream(fake)).toHaveLength(3);
  });

  it('a partial match after the expected revision is a wrong expected version', async () => {
    const fake = new FakeEventStoreDbClient();
    await fake.appendToStream('s', ids.map(event), { expectedRevision: NO_STREAM });
    const other = '00000000-0000-4000-8000-000000000009';
    await expect(fake.appendToStream('s', [event(ids[0]), event(other)], { expectedRevision: NO_STREAM })).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
    expect(inStream(fake)).toEqual(ids);
  });

  it('an append expecting the current revision is written, ids seen before or not (no guarantee there)', async () => {
    const fake = new FakeEventStoreDbClient();
    await fake.appendToStream('s', [event(ids[0])], { expectedRevision: NO_STREAM });
    await fake.appendToStream('s', [event(ids[0])], { expectedRevision: 0n });
    expect(inStream(fake)).toEqual([ids[0], ids[0]]);
  });
});
