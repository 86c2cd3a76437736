import { CallHandler, ExecutionContext, HttpException, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, from, switchMap, tap } from 'rxjs';
import { timedCheck, InvalidRequestException, ProjectionsService } from '@okr/platform';
import type { RequestWithPrincipal } from '../auth/principal';
import { LastWrites } from './last-writes';

export const MIN_POSITION_HEADER = 'x-min-position';
export const PROJECTION_POSITION_HEADER = 'X-Projection-Position';
export const MAX_WAIT_MS = 5000;
/** How long the X-Projection-Position header may wait for the position (a read-store call with an external projector). */
const HEADER_POSITION_TIMEOUT_MS = 1000;
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Read-your-writes for queries. A write's answer carries the `position` of its last event: the caller's last one is
 * remembered (LastWrites), and every GET of that caller waits until the read models include it. So does a GET with
 * `X-Min-Position: <position>` (any caller, any process). The wait is at most 5 s; past that the answer is 503 with
 * Retry-After. Every GET answer carries `X-Projection-Position`.
 */
@Injectable()
export class ProjectionPositionInterceptor implements NestInterceptor {
  constructor(
    private readonly projections: ProjectionsService,
    private readonly lastWrites: LastWrites,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<RequestWithPrincipal & { method: string; headers?: Record<string, unknown> }>();
    const reply = context.switchToHttp().getResponse();
    const caller = request.principal;
    if (WRITES.has(request.method)) {
      if (!caller) return next.handle();
      return next.handle().pipe(
        tap((answer: unknown) => {
          const position = (answer as { position?: unknown } | null | undefined)?.position;
          if (typeof position === 'number' && Number.isSafeInteger(position) && position > 0) this.lastWrites.record(caller, position);
        }),
      );
    }
    if (request.method !== 'GET') return next.handle();
    const asked = minPosition(request.headers?.[MIN_POSITION_HEADER]);
    const written = caller ? this.lastWrites.of(caller) : undefined;
    const minimum = Math.max(asked ?? 0, written ?? 0);
    const ready = async () => {
      if (minimum > 0 && !(await this.projections.waitFor(minimum, MAX_WAIT_MS))) {
        reply.header('Retry-After', '1');
        const which = minimum === asked ? `position ${minimum}` : `position ${minimum} (your last write)`;
        throw new HttpException(
          `The read models have not reached ${which} within ${MAX_WAIT_MS / 1000} s (they are at ${await this.projections.position()}); retry shortly`,
          HttpStatus.SERVICE_UNAVAILABLE,
        );
      }
      // With an external projector the position is the checkpoint in the read store: if that store does not
      // answer (in time), no header, and the handler meets the outage itself (/api/health reports it, never a 500).
      const position = await timedCheck(() => this.projections.position(), HEADER_POSITION_TIMEOUT_MS);
      if (position.status === 'up') reply.header(PROJECTION_POSITION_HEADER, String(position.value));
    };
    return from(ready()).pipe(switchMap(() => next.handle()));
  }
}

/** The X-Min-Position header's position, if given. */
function minPosition(raw: unknown): number | undefined {
  const value: unknown = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(String(value).trim())) {
    throw new InvalidRequestException([{ field: 'X-Min-Position', message: 'X-Min-Position must be a non-negative integer position' }]);
  }
  return Number(value);
}
