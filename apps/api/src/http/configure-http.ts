import { HttpException, HttpStatus } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance, RawServerDefault } from 'fastify';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

/** True when @fastify/static is installed, which @nestjs/swagger needs to serve its UI assets on Fastify. */
export function isFastifyStaticAvailable(): boolean {
  try {
    require.resolve('@fastify/static');
    return true;
  } catch {
    return false;
  }
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

  if (isFastifyStaticAvailable()) {
    SwaggerModule.setup('docs', app, documentFactory, { useGlobalPrefix: true, raw: ['json'] });
    return;
  }
  // Without @fastify/static, SwaggerModule's UI would call FastifyAdapter.useStaticAssets(), which logs an error
  // and exits the process. So Nest serves the JSON document, and the UI page and its few assets (from
  // swagger-ui-dist, a dependency of @nestjs/swagger) are served here.
  SwaggerModule.setup('docs', app, documentFactory, { useGlobalPrefix: true, ui: false, raw: ['json'] });
  serveSwaggerUi(app.getHttpAdapter().getInstance());
}

const SWAGGER_ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

function swaggerUiHtml(): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>OKR Platform API</title>
  <link rel="stylesheet" href="${DOCS_PATH}/swagger-ui.css" />
  <link rel="icon" type="image/png" href="${DOCS_PATH}/favicon-32x32.png" />
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${DOCS_PATH}/swagger-ui-bundle.js"></script>
  <script src="${DOCS_PATH}/swagger-ui-standalone-preset.js"></script>
  <script src="${DOCS_PATH}/swagger-initializer.js"></script>
</body>
</html>
`;
}

function swaggerInitializer(): string {
  return `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: ${JSON.stringify(DOCS_JSON_PATH)},
    dom_id: '#swagger-ui',
    deepLinking: true,
    persistAuthorization: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout'
  });
};
`;
}

function serveSwaggerUi(fastify: FastifyInstance): void {
  let assetsDir: string | undefined;
  const cache = new Map<string, Buffer>();
  const readAsset = (name: string): Buffer => {
    let content = cache.get(name);
    if (!content) {
      assetsDir ??= dirname(require.resolve('swagger-ui-dist/package.json'));
      content = readFileSync(join(assetsDir, name));
      cache.set(name, content);
    }
    return content;
  };

  const html = swaggerUiHtml();
  for (const path of [DOCS_PATH, `${DOCS_PATH}/`, `${DOCS_PATH}/index.html`]) {
    fastify.get(path, (_request, reply) => {
      void reply.type('text/html; charset=utf-8').send(html);
    });
  }
  const initializer = swaggerInitializer();
  fastify.get(`${DOCS_PATH}/swagger-initializer.js`, (_request, reply) => {
    void reply.type('application/javascript; charset=utf-8').send(initializer);
  });
  for (const [name, contentType] of Object.entries(SWAGGER_ASSETS)) {
    fastify.get(`${DOCS_PATH}/${name}`, (_request, reply) => {
      void reply.type(contentType).header('cache-control', 'public, max-age=86400').send(readAsset(name));
    });
  }
}
