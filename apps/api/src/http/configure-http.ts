import { HttpException, HttpStatus } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { RawServerDefault } from 'fastify';
import { answerJson, problem } from '@okr/platform';
import { createOpenApiDocument } from './openapi/openapi-document';
import { ProblemDetailsFilter } from './problem-details.filter';
import { createValidationPipe } from './validation.pipe';

/** Largest accepted request body: 1 MiB. Larger bodies get a 413 problem. */
export const BODY_LIMIT_BYTES = 1_048_576;
export const GLOBAL_PREFIX = 'api';
/** Where the OpenAPI UI is served; the JSON document is at `${DOCS_PATH}-json`. */
export const DOCS_PATH = `/${GLOBAL_PREFIX}/docs`;
export const DOCS_JSON_PATH = `${DOCS_PATH}-json`;

/** The Fastify adapter with this API's server options. */
export function createFastifyAdapter(): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // Client addresses come from the socket; X-Forwarded-* headers are not trusted.
    trustProxy: false,
    // Nest's Logger does the logging; fastify has no logger, hence no per-request log lines.
    // (fastify 5.11 deprecates `disableRequestLogging` (FSTDEP023), and it is moot without a logger.)
    logger: false,
    // Bounds on slow clients (there may be no reverse proxy in front).
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    // Reject JSON bodies carrying __proto__ / constructor.prototype (the defaults, stated explicitly).
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  });
}

export interface ConfigureHttpOptions {
  /** Serve the OpenAPI document and UI at /api/docs (default true). */
  swagger?: boolean;
  /**
   * Call app.enableShutdownHooks() (default true). Nest's hook closes the app on SIGTERM/SIGINT and then
   * re-raises the signal, so a caller with its own signal handlers (closing other resources) should pass false.
   */
  shutdownHooks?: boolean;
}

/**
 * Global prefix 'api', problem+json errors, validation, shutdown hooks, and OpenAPI at /api/docs
 * (JSON at /api/docs-json). Call it after creating the application and before `init()`/`listen()`.
 */
export function configureHttp(app: NestFastifyApplication, opts: ConfigureHttpOptions = {}): void {
  app.setGlobalPrefix(GLOBAL_PREFIX);
  acceptJsonBodiesOnly(app);
  // Every JSON answer built from an object: its numbers as people read them (answers serialised by hand, the
  // alignment tree and the time series, apply the same rule).
  app
    .getHttpAdapter()
    .getInstance()
    .setReplySerializer((payload) => answerJson(payload));
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(createValidationPipe());
  if (opts.shutdownHooks ?? true) app.enableShutdownHooks();
  if (opts.swagger ?? true) setUpOpenApi(app);
}

/**
 * Request bodies are JSON, nothing else: a body of any other type (a form, as `curl -d` sends, plain text, XML...) or
 * of no declared type answers 415 naming the type it came with. Registering the JSON parser through Nest keeps Nest
 * from adding its form parser at init; fastify's own text/plain parser is removed, and every other type meets the
 * catch-all parser, which refuses.
 */
function acceptJsonBodiesOnly(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const json = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>('application/json', { bodyLimit: BODY_LIMIT_BYTES }, (request, body, done) =>
    json(request, body.toString('utf8'), done),
  );
  fastify.removeContentTypeParser('text/plain');
  fastify.addContentTypeParser('*', (request, _payload, done) => done(unsupportedMediaType(request.headers['content-type']), undefined));
}

function unsupportedMediaType(contentType: string | undefined): HttpException {
  const got = contentType?.split(';')[0].trim() || 'no Content-Type';
  const message = `The request body must be JSON, sent with Content-Type: application/json (got ${got})`;
  return new HttpException(
    problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, { detail: message, errors: [{ field: 'Content-Type', message }] }),
    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  );
}

function setUpOpenApi(app: NestFastifyApplication): void {
  // Built lazily, on the first request for it, once every route is known.
  const documentFactory = () => createOpenApiDocument(app, `/${GLOBAL_PREFIX}`);
  // The UI's assets are served by @fastify/static (app.useStaticAssets).
  SwaggerModule.setup('docs', app, documentFactory, { useGlobalPrefix: true, raw: ['json'] });
}
