import { EventStore, HashChainedEventStore, SqliteEventStore, verifyHashChainSegment } from '@okr/event-store';
import { quarterHistory, storeOf } from '@okr/projections/time-series/testing/quarter-history';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditVerifyService } from './audit-verify.service';
import { HashChainSegmentWorkers } from './hash-chain-segment-workers';

describe('HashChainSegmentWorkers (a worker thread verifying half of the hash chains)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'okr-chain-segment-'));
  const file = join(dir, 'okr.db');
  let store: EventStore;
  let head: number;

  beforeAll(async () => {
    store = HashChainedEventStore.wrap(SqliteEventStore.open({ filePath: file }));
    await storeOf(quarterHistory(51), store);
    head = await store.headPosition();
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies a segment on its own connection: the streams this thread finds', async () => {
    const request = { after: Math.floor(head / 3), until: head, pageSize: 17 };
    const progress: number[] = [];
    const fromWorker = await new HashChainSegmentWorkers(file).verify(request, (_read, position) => progress.push(position));
    expect(fromWorker.length).toBeGreaterThan(5);
    expect(fromWorker).toEqual(await verifyHashChainSegment(store, request));
  });

  it('fails (and the verification then checks that part itself) when the worker cannot read', async () => {
    await expect(new HashChainSegmentWorkers(join(dir, 'missing.db')).verify({ after: 0, until: 10, pageSize: 10 })).rejects.toThrow(
      /hash-chain segment worker failed/,
    );
  });

  it('gives AuditVerifyService the report one thread gives, on an intact and on a tampered file', async () => {
    const alone = new AuditVerifyService(store);
    const parallel = new AuditVerifyService(store, { segmentWorker: { eventStoreFile: file, from: 1 } });
    const strip = ({ seconds: _seconds, ...report }: { seconds: number }) => report;
    expect(strip(await parallel.verify('t1'))).toEqual(strip(await alone.verify('t1')));
    const raw = HashChainedEventStore.unwrap(store) as SqliteEventStore;
    const position = raw.database
      .prepare(`SELECT MAX(position) FROM events WHERE tenant_id = 't1' AND position < ?`)
      .pluck()
      .get(head - 3) as number;
    raw.database.prepare(`UPDATE events SET data = '{"edited":true}' WHERE position = ?`).run(position);
    const tampered = await parallel.verify('t1');
    expect(strip(tampered)).toEqual(strip(await alone.verify('t1')));
    expect(tampered.firstBroken).toMatchObject({ position, reason: 'hash_mismatch' });
  });
});
