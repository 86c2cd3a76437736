import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainError } from '@okr/domain/common/errors';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '@okr/event-store/event-store.port';
import { WorkerUnavailableError } from '@okr/workers';
import { errorCodes } from 'fastify';
import { STATUS_CODES, type ServerResponse } from 'node:http';
import { FieldError, isProblemDetails, problem, PROBLEM_CONTENT_TYPE, ProblemDetails, ProblemTypes, statusTitle } from '@okr/platform';

/** Detail of every 500: nothing about the cause reaches the client (it is logged instead). */
export const INTERNAL_ERROR_DETAIL = 'An unexpected error occurred. It has been logged; please try again later.';

interface BodyErrorMapping {
  status: number;
  title: string;
  type: string;
}

const MALFORMED_JSON: BodyErrorMapping = { status: 400, title: 'Malformed JSON body', type: ProblemTypes.malformedBody };

/** Fastify content-type-parser errors a client can cause, by code. */
const FASTIFY_BODY_ERRORS: Record<string, BodyErrorMapping> = {
  FST_ERR_CTP_INVALID_JSON_BODY: MALFORMED_JSON,
  FST_ERR_CTP_EMPTY_JSON_BODY: MALFORMED_JSON,
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, title: statusTitle(413), type: ProblemTypes.blank },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, title: statusTitle(415), type: ProblemTypes.blank },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, title: 'Malformed request body', type: ProblemTypes.malformedBody },
};

/**
 * Nest's router turns a FastifyError into `new HttpException(err.message, err.statusCode)`, dropping its code,
 * so the filter recognises those by their (status, message) pair, taken from fastify's own error classes.
 */
const FASTIFY_BODY_ERRORS_BY_MESSAGE = new Map<string, BodyErrorMapping>();
for (const [code, mapping] of Object.entries(FASTIFY_BODY_ERRORS)) {
  const ErrorClass = (errorCodes as unknown as Record<string, (new () => Error) | undefined>)[code];
  if (ErrorClass) FASTIFY_BODY_ERRORS_BY_MESSAGE.set(`${mapping.status} ${new ErrorClass().message}`, mapping);
}

const DOMAIN_KINDS = {
  invalid_input: { status: HttpStatus.BAD_REQUEST, title: 'Invalid input', type: ProblemTypes.invalidInput },
  not_found: { status: HttpStatus.NOT_FOUND, title: 'Resource not found', type: ProblemTypes.notFound },
  rule_violation: { status: HttpStatus.CONFLICT, title: 'Business rule violated', type: ProblemTypes.ruleViolation },
} as const;

type DomainLike = Pick<DomainError, 'kind' | 'code' | 'message' | 'field'>;

function isDomainError(error: unknown): error is DomainLike {
  if (error instanceof DomainError) return true;
  // Duck-typed too, in case two copies of the domain library are loaded.
  if (!(error instanceof Error)) return false;
  const candidate = error as Error & Partial<DomainLike>;
  return typeof candidate.code === 'string' && typeof candidate.kind === 'string' && candidate.kind in DOMAIN_KINDS;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

function messageOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.filter((m) => typeof m === 'string').join('; ') || undefined;
  return undefined;
}

function fromHttpException(exception: HttpException): ProblemDetails {
  const status = exception.getStatus();
  const response = exception.getResponse();

  if (isProblemDetails(response)) {
    return { ...response, status };
  }
  if (typeof response === 'string') {
    const bodyError = FASTIFY_BODY_ERRORS_BY_MESSAGE.get(`${status} ${response}`);
    if (bodyError) return problem(bodyError.status, { type: bodyError.type, title: bodyError.title, detail: response });
  }
  const record = asRecord(response);
  const detail = record ? messageOf(record.message) : (messageOf(response) ?? exception.message);
  const title = statusTitle(status);
  const code = record && typeof record.code === 'string' ? record.code : undefined;
  // Nest's exceptions without a message repeat their default title ('Payload Too Large'): no detail then.
  const isDefault = detail === title || detail === STATUS_CODES[status] || (record !== undefined && detail === record.error);
  return problem(status, { title, detail: detail && !isDefault ? detail : undefined, code });
}

/** Errors from fastify (FastifyError with a code) or an Express-style body parser, when they reach the filter raw. */
function fromFrameworkError(error: unknown): ProblemDetails | undefined {
  const record = asRecord(error);
  if (!record) return undefined;
  const statusCode =
    typeof record.statusCode === 'number' ? record.statusCode : typeof record.status === 'number' ? record.status : undefined;
  const code = typeof record.code === 'string' ? record.code : undefined;
  const message = typeof record.message === 'string' ? record.message : undefined;

  if (code && FASTIFY_BODY_ERRORS[code]) {
    const mapping = FASTIFY_BODY_ERRORS[code];
    return problem(mapping.status, { type: mapping.type, title: mapping.title, detail: message });
  }
  // A SyntaxError is a client's fault only when a body parser flagged it as such (status 400 / entity.parse.failed);
  // a bare one comes from server code and is a 500.
  if (error instanceof SyntaxError && (statusCode === 400 || record.type === 'entity.parse.failed')) {
    return problem(400, { type: MALFORMED_JSON.type, title: MALFORMED_JSON.title, detail: 'The request body is not valid JSON.' });
  }
  if (code?.startsWith('FST_') && statusCode !== undefined && statusCode >= 400 && statusCode < 500) {
    return problem(statusCode, { detail: message });
  }
  if (record.type === 'entity.too.large') {
    return problem(413, { detail: 'Request body is too large' });
  }
  return undefined;
}

/**
 * Maps anything thrown to a problem. Pure; exported for tests and for code that needs the same mapping.
 * Returns `internal: true` for the ones that are the server's fault (to be logged).
 */
export function toProblemDetails(exception: unknown): { problem: ProblemDetails; internal: boolean } {
  if (exception instanceof HttpException) {
    const result = fromHttpException(exception);
    return { problem: result, internal: result.status >= 500 };
  }
  if (isDomainError(exception)) {
    const mapping = DOMAIN_KINDS[exception.kind];
    const errors: FieldError[] | undefined = exception.field ? [{ field: exception.field, message: exception.message }] : undefined;
    return {
      problem: problem(mapping.status, {
        type: mapping.type,
        title: mapping.title,
        detail: exception.message,
        code: exception.code,
        errors,
      }),
      internal: false,
    };
  }
  if (exception instanceof WrongExpectedRevisionError) {
    return {
      problem: problem(HttpStatus.CONFLICT, {
        type: ProblemTypes.concurrentModification,
        title: 'Concurrent modification',
        detail: 'The resource was changed by another request after you read it. Re-read it and retry your change.',
        code: 'concurrent_modification',
      }),
      internal: false,
    };
  }
  if (exception instanceof DuplicateEventIdError) {
    return {
      problem: problem(HttpStatus.CONFLICT, {
        type: ProblemTypes.duplicateEvent,
        title: 'Duplicate request',
        detail: 'This request conflicts with an earlier one that was already recorded. Re-read the resource before retrying.',
        code: 'duplicate_event_id',
      }),
      internal: false,
    };
  }
  if (exception instanceof WorkerUnavailableError) {
    // A worker thread died under the request (or was closed): the next request starts a fresh one.
    return { problem: problem(HttpStatus.SERVICE_UNAVAILABLE, { detail: `${exception.message}. Try again.` }), internal: true };
  }
  const framework = fromFrameworkError(exception);
  if (framework) return { problem: framework, internal: false };

  return {
    problem: problem(HttpStatus.INTERNAL_SERVER_ERROR, { type: ProblemTypes.internal, detail: INTERNAL_ERROR_DETAIL }),
    internal: true,
  };
}

interface ReplyLike {
  sent?: boolean;
  raw?: ServerResponse;
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  getHeader(name: string): unknown;
  send(payload: string): unknown;
}

interface RequestLike {
  url?: string;
  originalUrl?: string;
  method?: string;
}

function isFastifyReply(value: unknown): value is ReplyLike {
  const record = asRecord(value);
  return !!record && typeof record.status === 'function' && typeof record.header === 'function' && typeof record.send === 'function';
}

/**
 * Global filter: every error becomes an application/problem+json response. Never throws: a failure while
 * mapping or sending is logged and answered with a bare 500 when still possible.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetailsFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = (http.getRequest<RequestLike | undefined>() ?? {}) as RequestLike;
    const reply = http.getResponse<unknown>();
    const url = request.originalUrl ?? request.url;

    let body: ProblemDetails;
    try {
      const { problem: mapped, internal } = toProblemDetails(exception);
      body = mapped;
      if (internal) this.logInternal(exception, request);
    } catch (mappingError) {
      this.logInternal(mappingError, request);
      body = problem(500, { type: ProblemTypes.internal, detail: INTERNAL_ERROR_DETAIL });
    }
    if (url !== undefined) body.instance = url;

    try {
      this.send(reply, body);
    } catch (sendError) {
      this.logger.error(`Could not send the error response for ${request.method ?? ''} ${url ?? ''}`, (sendError as Error)?.stack);
    }
  }

  private send(reply: unknown, body: ProblemDetails): void {
    const payload = JSON.stringify(body);
    if (isFastifyReply(reply)) {
      if (reply.sent || reply.raw?.headersSent) return;
      reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE);
      if (body.status === 401 && reply.getHeader('www-authenticate') === undefined) reply.header('www-authenticate', 'Bearer');
      reply.send(payload);
      return;
    }
    // A raw Node response (e.g. from a middleware).
    const raw = reply as ServerResponse | undefined;
    if (!raw || typeof raw.setHeader !== 'function' || raw.headersSent) return;
    raw.statusCode = body.status;
    raw.setHeader('content-type', PROBLEM_CONTENT_TYPE);
    raw.end(payload);
  }

  private logInternal(exception: unknown, request: RequestLike): void {
    const message = exception instanceof Error ? `${exception.name}: ${exception.message}` : `Non-error thrown: ${String(exception)}`;
    const stack = exception instanceof Error ? exception.stack : undefined;
    this.logger.error(`${request.method ?? ''} ${request.originalUrl ?? request.url ?? ''} failed with ${message}`, stack);
  }
}
