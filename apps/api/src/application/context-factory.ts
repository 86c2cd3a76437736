import { Inject, Injectable } from '@nestjs/common';
import { InvalidRequestException, CLOCK, Clock } from '@okr/platform';
import { Principal } from '../auth/principal';
import { ID_GENERATOR, IdGenerator } from '../infrastructure/id-generator';
import { CommandContext } from './command-context';
import { IdempotentRequest, RequestIds } from './request-ids';

interface RequestLike {
  principal?: Principal;
  directoryMark?: number;
  /** Set by the IdempotencyInterceptor on a request with an Idempotency-Key. */
  idempotentRequest?: IdempotentRequest;
  headers: Record<string, string | string[] | undefined>;
}

function header(request: RequestLike, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Parses If-Match: a version as a number, quoted ("3") or weak (W/"3"). */
export function parseIfMatch(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(value);
  if (!match)
    throw new InvalidRequestException([{ field: 'If-Match', message: 'If-Match must be a version number as given in the ETag, e.g. "3"' }]);
  return Number(match[1]);
}

/** Builds the CommandContext of an HTTP request: the caller, the clock's now, fresh command id, correlation, If-Match, Idempotency-Key. */
@Injectable()
export class CommandContextFactory {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  fromRequest(request: RequestLike): CommandContext {
    const principal = request.principal;
    if (!principal) throw new Error('CommandContextFactory used on a request without a principal');
    const commandId = this.ids.next();
    const correlation = header(request, 'x-correlation-id');
    if (correlation !== undefined && !/^[A-Za-z0-9._:-]{1,128}$/.test(correlation)) {
      throw new InvalidRequestException([
        { field: 'X-Correlation-Id', message: 'X-Correlation-Id must be 1-128 characters of letters, digits, . _ : -' },
      ]);
    }
    return {
      principal,
      now: this.clock.now(),
      commandId,
      correlationId: correlation ?? commandId,
      expectedVersion: parseIfMatch(header(request, 'if-match')),
      ...(request.directoryMark !== undefined ? { directoryMark: request.directoryMark } : {}),
      ...(request.idempotentRequest ? { requestIds: new RequestIds(request.idempotentRequest) } : {}),
    };
  }

  /** A context for work the system does on behalf of a caller (e.g. cascades), caused by an earlier event. */
  derived(parent: CommandContext, causationId: string): CommandContext {
    return { ...parent, commandId: this.ids.next(), causationId, expectedVersion: undefined };
  }

  /** The id of something the command creates: derived from the request's Idempotency-Key when it has one (RequestIds). */
  newId(context: CommandContext): string {
    return context.requestIds?.newId() ?? this.ids.next();
  }
}
