import { EventStore } from '@okr/event-store';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { timedCheck } from '@okr/platform';
import { ProjectorStatus } from './projector.service';

/** PROJECTOR_HEALTH_PORT cannot be listened on. */
export class HealthPortUnavailableError extends Error {
  constructor(port: number, reason: string) {
    super(`Cannot listen on PROJECTOR_HEALTH_PORT=${port}: ${reason}`);
    this.name = 'HealthPortUnavailableError';
  }
}

/** How long the event store may take to give its head position before the report says it is down. */
const HEAD_TIMEOUT_MS = 2000;

export interface ProjectorHealthReport extends Partial<ProjectorStatus> {
  /** ok: running (active or standby); starting: not projecting yet (503); stopping: shutting down (503). */
  status: 'ok' | 'starting' | 'stopping';
  /** The event store's head and how far the okr projection is behind it (null when the event store does not answer). */
  headPosition: number | null;
  lag: number | null;
}

/**
 * A small HTTP endpoint of the projector (PROJECTOR_HEALTH_PORT), for liveness probes and a look at the
 * replica: GET /health answers 200 while the process runs — active or on standby, both are healthy — and
 * 503 while it starts or shuts down. Anything else is 404. It listens before the projector starts, so a
 * port that is taken stops the process before it takes the lease.
 */
export class ProjectorHealthServer {
  private constructor(private readonly server: Server) {}

  /** `status` gives undefined until the projector runs. Rejects with a clear message when the port cannot be used. */
  static async listen(port: number, status: () => ProjectorStatus | undefined, events: EventStore): Promise<ProjectorHealthServer> {
    const server = createServer((request, response) => {
      const path = (request.url ?? '/').split('?')[0];
      if (request.method !== 'GET' || (path !== '/health' && path !== '/')) {
        response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 404, title: 'Not Found' }));
        return;
      }
      void report(status, events).then(
        (body) =>
          response
            .writeHead(body.status === 'ok' ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' })
            .end(JSON.stringify(body)),
        () => response.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve, reject) => {
      const fail = (error: NodeJS.ErrnoException) =>
        reject(new HealthPortUnavailableError(port, error.code === 'EADDRINUSE' ? 'the port is in use' : error.message));
      server.once('error', fail);
      server.listen(port, '0.0.0.0', () => {
        server.off('error', fail);
        resolve();
      });
    });
    return new ProjectorHealthServer(server);
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

async function report(status: () => ProjectorStatus | undefined, events: EventStore): Promise<ProjectorHealthReport> {
  const current = status();
  if (!current) return { status: 'starting', headPosition: null, lag: null };
  const head = await timedCheck(() => events.headPosition(), HEAD_TIMEOUT_MS);
  const position = current.projections[0]?.position;
  const headPosition = head.value ?? null;
  return {
    status: current.stopping ? 'stopping' : 'ok',
    ...current,
    headPosition,
    lag: headPosition !== null && position !== undefined ? Math.max(0, headPosition - position) : null,
  };
}
