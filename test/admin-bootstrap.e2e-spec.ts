import { SqliteEventStore } from '@okr/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApiApp } from '../apps/api/src/create-api-app';
import { InMemoryIdempotencyStore } from '@okr/platform';

describe('the default tenant admin at start-up', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'okr-admin-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  /** Starts the API on the shared data dir, runs `use`, and closes everything. */
  async function withApi<T>(adminToken: string | undefined, use: (server: unknown, generated?: string) => Promise<T>): Promise<T> {
    const store = SqliteEventStore.open({ filePath: join(dataDir, 'okr.db') });
    const { app, generatedAdminToken } = await createApiApp({
      eventStore: store,
      idempotencyStore: new InMemoryIdempotencyStore(),
      adminToken,
      logLevels: false,
    });
    try {
      return await use(app.getHttpServer(), generatedAdminToken);
    } finally {
      await app.close();
      await store.close();
    }
  }

  const createCycle = (server: unknown, token: string) =>
    request(server as never)
      .post('/api/cycles')
      .set('Authorization', `Bearer ${token}`)
      .send({ name: 'Q', startsOn: '2026-01-01', endsOn: '2026-03-31' });

  it('generates a token once, keeps it across restarts, and lets OKR_ADMIN_TOKEN replace it', async () => {
    const generated = await withApi(undefined, async (server, token) => {
      expect(token).toMatch(/^okr_[A-Za-z0-9_-]{43}$/);
      await createCycle(server, token!).expect(201);
      return token!;
    });

    await withApi(undefined, async (server, token) => {
      expect(token).toBeUndefined();
      await createCycle(server, generated).expect(201);
    });

    await withApi('chosen-admin-token-0123456789', async (server, token) => {
      expect(token).toBeUndefined();
      await createCycle(server, 'chosen-admin-token-0123456789').expect(201);
      await createCycle(server, generated).expect(401);
    });

    const store = SqliteEventStore.open({ filePath: join(dataDir, 'okr.db') });
    try {
      const events = await store.readStream('user-default-admin');
      expect(events.map((e) => e.type)).toEqual(['UserCreated', 'UserTokenReplaced']);
      const stored = JSON.stringify(events);
      expect(stored).not.toContain(generated);
      expect(stored).not.toContain('chosen-admin-token-0123456789');
    } finally {
      await store.close();
    }
  });
});
