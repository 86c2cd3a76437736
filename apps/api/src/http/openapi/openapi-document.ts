import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, OperationObject, ParameterObject, ResponseObject, SwaggerModule } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '@okr/platform';
import { FieldErrorDto, ProblemDetailsDto } from './common.dto';
import { PROBLEMS, problemResponse, ProblemStatus } from './api-docs.decorators';

function buildOpenApiConfig(basePath: string): Omit<OpenAPIObject, 'paths'> {
  return new DocumentBuilder()
    .setTitle('OKR Platform API')
    .setDescription(
      'Objectives, key results and initiatives, event-sourced with a full audit trail. ' +
        'Errors are RFC 9457 application/problem+json (schema ProblemDetails). POST requests accept an Idempotency-Key header; ' +
        'changes to an existing resource accept If-Match with the version its ETag gave.',
    )
    .setVersion('0.1.0')
    .addServer(basePath)
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'opaque',
        description: "An API token: an opaque string issued to a user (the admin's is printed at first start)",
      },
      'bearer',
    )
    .addCookieAuth(
      'okr_session',
      {
        type: 'apiKey',
        in: 'cookie',
        description: 'A browser session (POST /session); writes under it also send X-CSRF-Token with the okr_csrf cookie',
      },
      'session',
    )
    .addSecurityRequirements('bearer')
    .addSecurityRequirements('session')
    .build();
}

/**
 * The OpenAPI document of the application's routes, as /api/docs-json serves it and `npm run api:types` writes it
 * (apps/web/src/api/openapi.json): paths relative to the server `basePath` (the global prefix, '/api'), as the typed
 * client takes them. Each operation's decorators give its summary, success answer and own problems (ApiDoc,
 * ApiProblems, ApiIfMatch); what follows from the global guard, pipe, body parser and interceptors is added here
 * once, so that it is said the same way everywhere and holds for every new route. Problem answers refer to shared
 * ones (components.responses: NotFound, Conflict...), all of the ProblemDetails schema.
 */
export function createOpenApiDocument(app: INestApplication, basePath: string): OpenAPIObject {
  const document = SwaggerModule.createDocument(app, buildOpenApiConfig(basePath), {
    ignoreGlobalPrefix: true,
    extraModels: [ProblemDetailsDto, FieldErrorDto],
  });
  const problems: Record<string, ResponseObject> = {};
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      addSharedParts(method, operation, document.security ?? []);
      referToSharedProblems(operation, problems);
    }
  }
  document.components = { ...document.components, responses: problems };
  return document;
}

/** Names of the shared problem answers, under components.responses. */
const PROBLEM_NAMES: Record<ProblemStatus, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  412: 'PreconditionFailed',
  413: 'ContentTooLarge',
  415: 'UnsupportedMediaType',
  422: 'UnprocessableContent',
  503: 'ServiceUnavailable',
};

/** Each problem answer said as PROBLEMS says it becomes a reference to one shared answer (components.responses). */
function referToSharedProblems(operation: OperationObject, shared: Record<string, ResponseObject>): void {
  for (const [code, response] of Object.entries(operation.responses)) {
    const status = Number(code) as ProblemStatus;
    if (!(status in PROBLEMS) || !response || !('description' in response) || response.description !== PROBLEMS[status]) continue;
    if (!response.content?.[PROBLEM_CONTENT_TYPE]) continue;
    shared[PROBLEM_NAMES[status]] ??= response;
    operation.responses[code] = { $ref: `#/components/responses/${PROBLEM_NAMES[status]}` };
  }
}

const MIN_POSITION: ParameterObject = {
  name: 'X-Min-Position',
  in: 'header',
  required: false,
  description:
    'A position from a write answer (`position`): the read waits, at most 5 s, until the read models include it (503 past that). ' +
    "A caller's reads already wait for the caller's own writes.",
  schema: { type: 'integer', minimum: 0 },
};

const IDEMPOTENCY_KEY: ParameterObject = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes the request safe to retry: a retry with the same key and body gets the first answer (header Idempotent-Replayed: true) ' +
    'without doing the work again; the same key with another body answers 422',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7E]+$' },
};

/** The parts of an operation that every operation of its kind shares. */
function addSharedParts(method: string, operation: OperationObject, globalSecurity: Record<string, string[]>[]): void {
  const secured = (operation.security ?? globalSecurity).length > 0;
  const hasBody = operation.requestBody !== undefined;
  const validated = hasBody || (operation.parameters ?? []).length > 0 || (secured && method === 'get');
  const problems: ProblemStatus[] = [];
  if (validated) problems.push(400);
  if (secured) problems.push(401);
  // Writes need the editor role unless the route asks for more (AuthGuard).
  if (secured && method !== 'get') problems.push(403);
  if (hasBody) problems.push(413, 415);
  if (method === 'post') problems.push(422);
  // A read waits for the read models (ProjectionPositionInterceptor); a worker thread (writer, projection, replay) may die.
  if (secured) problems.push(503);

  if (secured && method === 'get') operation.parameters = [...(operation.parameters ?? []), MIN_POSITION];
  if (method === 'post') operation.parameters = [...(operation.parameters ?? []), IDEMPOTENCY_KEY];
  for (const [status, response] of Object.entries(operation.responses)) {
    if (!status.startsWith('2') || !response || !('description' in response)) continue;
    if (secured && method === 'get') {
      response.headers = {
        ...response.headers,
        'X-Projection-Position': {
          description: 'Position in the event log up to which the read models this answer comes from are complete',
          schema: { type: 'integer' },
        },
      };
    }
    if (method === 'post') {
      response.headers = {
        ...response.headers,
        'Idempotent-Replayed': {
          description: "'true' when this is the stored answer to an earlier request with the same Idempotency-Key",
          schema: { type: 'string' },
        },
      };
    }
  }
  for (const status of problems) operation.responses[status] ??= problemResponse(status);
}
