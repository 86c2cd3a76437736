import { CallHandler, ExecutionContext, HttpException, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, from, switchMap } from 'rxjs';
import { timedCheck, InvalidRequestException, ProjectionsService } from '@okr/platform';

export const MIN_POSITION_HEADER = 'x-min-position';
export const PROJECTION_POSITION_HEADER = 'X-Projection-Position';
export const MAX_WAIT_MS = 5000;
/** How long the X-Projection-Position header may wait for the position (a read-store call with an external projector). */
const HEADER_POSITION_TIMEOUT_MS = 1000;

/**
 * Read-your-writes for queries: `X-Min-Position: <position from a command response>` makes the request
 * wait (at most 5 s) until the read models include that position; past that it answers 503 with
 * Retry-After. Every GET answer carries `X-Projection-Position`.
 */
@Injectable()
export class ProjectionPositionInterceptor implements NestInterceptor {
  constructor(private readonly projections: ProjectionsService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest();
    const reply = context.switchToHttp().getResponse();
    if (request.method !== 'GET') return next.handle();
    const raw = request.headers?.[MIN_POSITION_HEADER];
    const value = Array.isArray(raw) ? raw[0] : raw;
    let minimum: number | undefined;
    if (value !== undefined) {
      if (!/^\d{1,15}$/.test(String(value).trim())) {
        throw new InvalidRequestException([{ field: 'X-Min-Position', message: 'X-Min-Position must be a non-negative integer position' }]);
      }
      minimum = Number(value);
    }
    const ready = async () => {
      if (minimum !== undefined && !(await this.projections.waitFor(minimum, MAX_WAIT_MS))) {
        reply.header('Retry-After', '1');
        throw new HttpException(
          `The read models have not reached position ${minimum} within ${MAX_WAIT_MS / 1000} s (they are at ${await this.projections.position()}); retry shortly`,
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
