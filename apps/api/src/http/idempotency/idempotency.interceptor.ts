import {
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  NestInterceptor,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, Observable } from 'rxjs';
import type { RequestWithPrincipal } from '../../auth/principal';
import { InvalidRequestException, problem, ProblemTypes, IDEMPOTENCY_STORE, IdempotencyRecord, IdempotencyStore } from '@okr/platform';

export { IDEMPOTENCY_STORE } from '@okr/platform';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
/** 1 to 255 visible ASCII characters (0x21-0x7E). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7E]{1,255}$/;

/** JSON with object keys sorted at every level, so that key order does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return '';
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : sortKeys(item)));
  if (value !== null && typeof value === 'object') {
    const json = (value as { toJSON?: () => unknown }).toJSON;
    if (typeof json === 'function') return sortKeys(json.call(value));
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) sorted[key] = sortKeys(item);
    }
    return sorted;
  }
  return value;
}

/** SHA-256 (hex) of method, URL (path and query) and canonical JSON body. */
export function hashRequest(method: string, url: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()}\n${url}\n${canonicalJson(body)}`)
    .digest('hex');
}

/** Scope of idempotency keys: one per tenant and user, 'anonymous' without a principal. */
export function idempotencyScope(request: RequestWithPrincipal): string {
  const principal = request.principal;
  return principal ? `${principal.tenantId}:${principal.userId}` : 'anonymous';
}

/**
 * Test hook, never set outside tests: with OKR_TEST_KILL_BEFORE_IDEMPOTENCY_RECORD=<prefix>, a request whose key
 * starts with <prefix> kills the process (SIGKILL, as kill -9) once its work is done and before its record is
 * saved: the window a crash can hit, made deterministic for test/crash-recovery.e2e-spec.ts.
 */
function killedForTestsBeforeTheRecord(key: string): void {
  const prefix = process.env.OKR_TEST_KILL_BEFORE_IDEMPOTENCY_RECORD;
  if (prefix && key.startsWith(prefix)) process.kill(process.pid, 'SIGKILL');
}

/**
 * For POST requests with an Idempotency-Key header: replays the stored response of an earlier identical
 * request (same scope, key and request hash) without running the handler, rejects a reused key with a
 * different request (422), and otherwise runs the handler and stores its 2xx response. Requests with the
 * same scope and key are serialised within the process, so concurrent retries run the handler once.
 * The record is kept after the work; the work itself is idempotent without it: the handler's ids derive from the
 * scope, key and request (RequestIds), so a retry whose record was lost replays from the stored events.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly locks = new Map<string, Promise<void>>();
  private readonly logger = new Logger('IdempotencyInterceptor');

  constructor(@Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & RequestWithPrincipal>();
    // Only an authenticated caller's requests: a public one (signing in) has no caller to scope its key to.
    if (request.method !== 'POST' || !request.principal) return next.handle();

    const header = request.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
    if (header === undefined) return next.handle();
    const key = Array.isArray(header) ? header.join(', ') : header;
    if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
      throw new InvalidRequestException([
        { field: IDEMPOTENCY_KEY_HEADER, message: `${IDEMPOTENCY_KEY_HEADER} must be 1 to 255 visible ASCII characters` },
      ]);
    }

    const reply = http.getResponse<FastifyReply>();
    const scope = idempotencyScope(request);
    const requestHash = hashRequest(request.method, request.url, request.body);
    // The handler's command context derives its ids from these (RequestIds), so that a retry makes the same ones.
    (request as { idempotentRequest?: { scope: string; key: string; requestHash: string } }).idempotentRequest = {
      scope,
      key,
      requestHash,
    };
    return from(this.withLock(`${scope}\u0000${key}`, () => this.handle(scope, key, requestHash, reply, next)));
  }

  private async handle(scope: string, key: string, requestHash: string, reply: FastifyReply, next: CallHandler): Promise<unknown> {
    const existing = await this.store.find(scope, key);
    if (existing) {
      if (existing.requestHash !== requestHash) {
        throw new UnprocessableEntityException(
          problem(HttpStatus.UNPROCESSABLE_ENTITY, {
            type: ProblemTypes.idempotencyKeyReused,
            title: 'Idempotency-Key reused with a different request',
            detail: `This ${IDEMPOTENCY_KEY_HEADER} was already used for a different request. Use a new key for a new request.`,
            code: 'idempotency_key.reused',
          }),
        );
      }
      void reply.status(existing.status).header(IDEMPOTENT_REPLAYED_HEADER, 'true');
      return existing.body ?? undefined;
    }

    const result: unknown = await lastValueFrom(next.handle(), { defaultValue: undefined });
    killedForTestsBeforeTheRecord(key);
    const status = reply.statusCode;
    if (status >= 200 && status < 300) {
      // Stored as the client sees it (what JSON.stringify makes of it), so a replay is byte-for-byte the same.
      const text = result === undefined ? undefined : JSON.stringify(result);
      const body = text === undefined ? null : (JSON.parse(text) as unknown);
      const record: IdempotencyRecord = { scope, key, requestHash, status, body, createdAt: new Date().toISOString() };
      try {
        await this.store.save(record);
      } catch (error) {
        // The handler's work is done: answer it, and let a retry run again rather than fail this request.
        this.logger.error(`Could not save the idempotency record for key ${JSON.stringify(key)}`, (error as Error)?.stack);
      }
    }
    return result;
  }

  /** Runs `task` after every earlier task of the same lock key has settled. */
  private async withLock<T>(lockKey: string, task: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(lockKey) ?? Promise.resolve();
    let release!: () => void;
    const current = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => current);
    this.locks.set(lockKey, tail);
    try {
      await previous;
      return await task();
    } finally {
      release();
      if (this.locks.get(lockKey) === tail) this.locks.delete(lockKey);
    }
  }

  /** Number of keys with a request in progress or queued (for tests). */
  get pendingLocks(): number {
    return this.locks.size;
  }
}
