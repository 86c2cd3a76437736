import { NotFoundError } from '@okr/domain';
import { resourceLimits } from 'node:worker_threads';
import { crossingError, serve } from '../serve';
import { TestHostNotice, TestRequests, TestStoreError, TestWorkerNotice } from './test-worker-api';

const worker = serve<TestRequests, TestWorkerNotice, TestHostNotice>(
  {
    echo: (text) => text,
    fail: (which) => {
      if (which === 'domain') throw new NotFoundError('objective.not_found', 'No objective o-1', 'objectiveId');
      if (which === 'custom') throw new TestStoreError('objective-o-1');
      throw Object.assign(new RangeError('out of range'), { code: 'ERR_TEST' });
    },
    outcomes: () => [{ ok: true }, { ok: false, error: crossingError(new TestStoreError('objective-o-2')) }],
    hang: () => new Promise<never>(() => undefined),
    die: () => process.exit(7),
    limits: () => resourceLimits,
    bytes: (length, transfer) => {
      const bytes = new Uint8Array(length).fill(1);
      transfer.push(bytes.buffer);
      return bytes;
    },
  },
  {
    onNotice: (notice): void => worker.notify({ kind: 'pong', text: notice.text }),
    onClose: (): void => worker.notify({ kind: 'closing' }),
  },
);
worker.notify({ kind: 'started' });
