import type { OpenAPIObject } from '@nestjs/swagger';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildApiDocument } from './api-document';
import { operationFindings, operationsOf, schemaFindings } from './http/testing/openapi-lint';

const ROOT = resolve(__dirname, '../../..');
const GENERATED_DIR = 'apps/web/src/api';

let document: OpenAPIObject;

beforeAll(async () => {
  document = await buildApiDocument();
});

describe('the OpenAPI document', () => {
  it('gives every operation a summary, a success answer with a schema, and problem+json errors', () => {
    expect(operationsOf(document).length).toBeGreaterThanOrEqual(40);
    expect(operationFindings(document)).toEqual([]);
  });

  it('says what every object holds: no untyped property (nullable strings are strings)', () => {
    expect(schemaFindings(document)).toEqual([]);
    const ownerId = document.components?.schemas?.CreateObjectiveDto;
    expect(ownerId).toMatchObject({
      properties: { ownerId: { type: 'string', nullable: true }, description: { type: 'string', nullable: true } },
    });
  });

  it('serves paths relative to /api, with opaque bearer tokens or a session cookie, and health and sign-in without a lock', () => {
    expect(document.servers).toEqual([{ url: '/api' }]);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/cycles/{id}/alignment', '/objectives/{id}', '/key-results/{id}/check-ins']),
    );
    expect(Object.keys(document.paths).some((path) => path.startsWith('/api/'))).toBe(false);
    expect(document.components?.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'opaque' });
    expect(document.components?.securitySchemes?.session).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'okr_session' });
    expect(document.security).toEqual([{ bearer: [] }, { session: [] }]);
    expect(document.paths['/session'].post!.security).toEqual([]);
    for (const path of ['/health', '/health/live']) {
      const operation = document.paths[path].get!;
      expect({ path, security: operation.security, responses: Object.keys(operation.responses) }).toEqual({
        path,
        security: [],
        responses: path === '/health' ? ['200', '503'] : ['200'],
      });
    }
  });

  it('documents ETag on the reads of versioned resources and If-Match on their changes', () => {
    for (const path of ['/cycles/{id}', '/teams/{id}', '/objectives/{id}', '/key-results/{id}', '/initiatives/{id}']) {
      const ok = document.paths[path].get!.responses['200'] as { headers?: Record<string, unknown> };
      expect({ path, headers: Object.keys(ok.headers ?? {}) }).toEqual({
        path,
        headers: expect.arrayContaining(['ETag', 'X-Projection-Position']),
      });
    }
    const checkIn = document.paths['/key-results/{id}/check-ins'].post!;
    expect((checkIn.parameters ?? []).map((p) => ('name' in p ? p.name : p.$ref))).toEqual(['id', 'If-Match', 'Idempotency-Key']);
    expect(Object.keys(checkIn.responses)).toEqual(['201', '400', '401', '403', '404', '409', '412', '413', '415', '422', '503']);
    expect(checkIn.responses['201']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateResultDto' } } },
    });
  });

  it('gives downloads their media types', () => {
    const events = document.paths['/cycles/{id}/events'].get!.responses['200'] as { content: Record<string, unknown> };
    expect(Object.keys(events.content)).toEqual(['application/x-ndjson', 'text/csv']);
    const series = document.paths['/cycles/{id}/timeseries'].get!.responses['200'] as { content: Record<string, unknown> };
    expect(series.content).toEqual({
      'application/json': { schema: { $ref: '#/components/schemas/TimeSeriesDto' } },
      'text/csv': { schema: expect.objectContaining({ type: 'string' }) },
    });
  });
});

describe('the generated client types', () => {
  // What `npm run api:types` would write now (the document built here, rendered by the same script), against what
  // is committed under apps/web/src/api.
  it('are up to date with the API', () => {
    const render = spawnSync(process.execPath, ['scripts/api-types.mjs', '--render'], {
      cwd: ROOT,
      input: JSON.stringify(document),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect({ status: render.status, stderr: render.stderr }).toEqual({ status: 0, stderr: '' });
    const files = JSON.parse(render.stdout) as Record<string, string>;
    expect(Object.keys(files)).toEqual(['openapi.json', 'schema.d.ts']);
    const stale = Object.entries(files).flatMap(([name, text]) => {
      const file = join(GENERATED_DIR, name);
      const committed = existsSync(join(ROOT, file)) ? readFileSync(join(ROOT, file), 'utf8') : undefined;
      return committed === text
        ? []
        : [`${file} ${committed === undefined ? 'is missing' : `differs from line ${firstDifferentLine(committed, text)}`}`];
    });
    if (stale.length > 0) {
      throw new Error(`The generated API files are out of date: run \`npm run api:types\` and commit them.\n  ${stale.join('\n  ')}`);
    }
  }, 60_000);
});

function firstDifferentLine(a: string, b: string): number {
  const left = a.split('\n');
  const right = b.split('\n');
  let line = 0;
  while (line < left.length && line < right.length && left[line] === right[line]) line++;
  return line + 1;
}
