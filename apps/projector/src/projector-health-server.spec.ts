import { InMemoryEventStore } from '@okr/event-store';
import { HealthPortUnavailableError, ProjectorHealthServer } from './projector-health-server';
import { ProjectorStatus } from './projector.service';

const status = (overrides: Partial<ProjectorStatus> = {}): ProjectorStatus => ({
  owner: 'projector:host:1:abcd',
  active: true,
  holder: 'projector:host:1:abcd',
  expiresAt: '2026-11-25T00:00:15.000Z',
  projections: [{ projection: 'okr', position: 2, running: true, lastError: null }],
  stopping: false,
  ...overrides,
});

async function appendEvents(store: InMemoryEventStore, count: number): Promise<void> {
  const metadata = {
    eventId: '',
    tenantId: 't',
    actorId: 'a',
    correlationId: 'c',
    causationId: 'c',
    commandId: 'c',
    recordedAt: '2026-01-01T00:00:00.000Z',
    schemaVersion: 1,
  };
  for (let i = 0; i < count; i++)
    await store.appendToStream(`s-${i}`, [{ type: 'Happened', data: {}, metadata: { ...metadata, eventId: `e-${i}` } }]);
}

describe('ProjectorHealthServer', () => {
  let server: ProjectorHealthServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('answers 503 starting until the projector runs, then 200 with its state and lag, and 503 while it stops', async () => {
    const events = new InMemoryEventStore();
    await appendEvents(events, 5);
    let current: ProjectorStatus | undefined;
    server = await ProjectorHealthServer.listen(0, () => current, events);
    const url = `http://127.0.0.1:${server.port}/health`;

    const starting = await fetch(url);
    expect(starting.status).toBe(503);
    expect(await starting.json()).toEqual({ status: 'starting', headPosition: null, lag: null });

    current = status();
    const running = await fetch(url);
    expect(running.status).toBe(200);
    expect(running.headers.get('cache-control')).toBe('no-store');
    expect(await running.json()).toEqual({ status: 'ok', ...status(), headPosition: 5, lag: 3 });

    current = status({ active: false, holder: 'projector:other:2:ef01' });
    expect((await fetch(url)).status).toBe(200); // a standby is healthy too

    current = status({ stopping: true });
    const stopping = await fetch(url);
    expect(stopping.status).toBe(503);
    expect(await stopping.json()).toMatchObject({ status: 'stopping' });
  });

  it('answers 404 to anything but GET /health', async () => {
    server = await ProjectorHealthServer.listen(0, () => status(), new InMemoryEventStore());
    expect((await fetch(`http://127.0.0.1:${server.port}/metrics`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${server.port}/health`, { method: 'POST' })).status).toBe(404);
  });

  it('fails with a clear error when the port is taken', async () => {
    server = await ProjectorHealthServer.listen(0, () => status(), new InMemoryEventStore());
    const error = await ProjectorHealthServer.listen(server.port, () => status(), new InMemoryEventStore()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HealthPortUnavailableError);
    expect((error as Error).message).toBe(`Cannot listen on PROJECTOR_HEALTH_PORT=${server.port}: the port is in use`);
  });
});
