import { applyDecorators, Type } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ContentObject, getSchemaPath, HeadersObject, ResponseObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '@okr/platform';
import { ProblemDetailsDto } from './common.dto';

/**
 * What each error status means in this API (decision 4). Every 4xx and 5xx answer is a ProblemDetails, as
 * application/problem+json.
 */
export const PROBLEMS = {
  400: 'Invalid input: a malformed path id, query, header or body; `errors` lists the fields at fault',
  401: 'No credentials, or credentials that are not valid',
  403: 'The caller may not do this: the role is too low, or a write under a session cookie came without its X-CSRF-Token',
  404: "Not found in the caller's tenant (the path's id, or an id the body refers to)",
  409: 'A business rule refused the change (`code` names it), or a concurrent change that could not be retried',
  412: 'If-Match names a version other than the current one: re-read the resource and retry',
  413: 'The body is over 1 MiB',
  415: 'The body is not JSON (Content-Type must be application/json)',
  422: 'The Idempotency-Key was used before with a different request',
  503: 'Not available now: the read models did not reach X-Min-Position within 5 s (Retry-After), or a worker thread died; retry',
} as const;

export type ProblemStatus = keyof typeof PROBLEMS;

/** The response object of a problem status: its meaning and the ProblemDetails schema. */
export function problemResponse(status: ProblemStatus): ResponseObject {
  return {
    description: PROBLEMS[status],
    ...(status === 401 ? { headers: { 'WWW-Authenticate': { description: 'Bearer', schema: { type: 'string' } } } } : {}),
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
  };
}

export const ETAG_HEADER: HeadersObject = {
  ETag: { description: 'The version of the resource (quoted), for If-Match', schema: { type: 'string', example: '"3"' } },
};

export interface ApiDocOptions {
  summary: string;
  description?: string;
  /** Status of the success answer (default 200). */
  status?: 200 | 201 | 204;
  /** The success answer as JSON of this class... */
  type?: Type<unknown>;
  /** ...or its media types and schemas (streams, CSV, JSON Lines). */
  content?: ContentObject;
  /** Headers of the success answer. */
  headers?: HeadersObject;
  /** The route needs no credentials (@Public()): no security requirement. */
  public?: boolean;
}

/**
 * The summary and the success answer of an operation. What every operation of a kind shares (401, the problems
 * of bodies, Idempotency-Key, X-Min-Position...) is added to the document by createOpenApiDocument.
 */
export function ApiDoc(options: ApiDocOptions): MethodDecorator {
  const { summary, description, status = 200, type, content, headers } = options;
  const operation = { summary, ...(description ? { description } : {}), ...(options.public ? { security: [] } : {}) };
  const answer = type
    ? ApiResponse({ status, type, description: summary, headers })
    : ApiResponse({ status, description: summary, headers, ...(content ? { content } : {}) });
  return applyDecorators(ApiOperation(operation), answer);
}

/** Problems this operation answers beyond those every operation of its kind answers (403 for a read, 404, 409). */
export function ApiProblems(...statuses: (403 | 404 | 409)[]): MethodDecorator {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, ...problemResponse(status) })));
}

/** The operation takes If-Match (optimistic concurrency): a stale version answers 412. */
export function ApiIfMatch(): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'The version the change is based on, as the ETag gave it ("3"): answers 412 if the resource has changed since',
      schema: { type: 'string', example: '"3"' },
    }),
    ApiResponse({ status: 412, ...problemResponse(412) }),
  );
}
