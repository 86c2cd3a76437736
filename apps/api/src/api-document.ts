import 'reflect-metadata';
import { OpenAPIObject } from '@nestjs/swagger';
import { InMemoryEventStore } from '@okr/event-store';
import { InMemoryIdempotencyStore } from '@okr/platform';
import { createApiApp } from './create-api-app';
import { GLOBAL_PREFIX } from './http/configure-http';
import { createOpenApiDocument } from './http/openapi/openapi-document';

/**
 * The API's OpenAPI document, built as the server builds it (the same application, routes and document), on
 * in-memory stores and without listening: what `npm run api:types` writes to apps/web/src/api/openapi.json.
 */
export async function buildApiDocument(): Promise<OpenAPIObject> {
  const { app } = await createApiApp({
    eventStore: new InMemoryEventStore(),
    idempotencyStore: new InMemoryIdempotencyStore(),
    logLevels: false,
  });
  try {
    return createOpenApiDocument(app, `/${GLOBAL_PREFIX}`);
  } finally {
    await app.close();
  }
}
