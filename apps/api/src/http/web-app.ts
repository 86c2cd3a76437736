import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type {} from '@fastify/static'; // its reply.sendFile
import type { FastifyReply } from 'fastify';
import { statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { GLOBAL_PREFIX } from './configure-http';

/** The web app's pages load nothing but this origin's files (no CDN, no external font, no inline script or style) and are never framed. */
export const WEB_APP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
  "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
/** Vite's hashed file names: a file there never changes, so browsers keep it a year. */
const HASHED_ASSETS = 'assets/';
const IMMUTABLE = 'public, max-age=31536000, immutable';

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>OKR: the web app is not built</title></head>
<body><h1>The web app is not built</h1>
<p>Run <code>npm run build</code> (or <code>npm start</code>, which builds first), then reload this page.
The API answers meanwhile under <a href="/${GLOBAL_PREFIX}/docs">/${GLOBAL_PREFIX}/docs</a>.</p></body></html>
`;

/**
 * Serves the built web app (`vite build` output, dist/web) from this process: its files as they are, and
 * index.html for any other GET outside /api (the app's own routes, e.g. /alignment?cycle=…). The files are read at
 * each request, so a rebuild under a running server (scripts/build.mjs swaps each file atomically) is served at
 * once. Without a build, `/` says how to make one; the API works either way. Call before `init()`.
 */
export function serveWebApp(app: NestFastifyApplication, root: string | undefined): void {
  const dir = root === undefined ? undefined : resolve(root);
  // @fastify/static (through Nest) only to decorate reply.sendFile: types, ETag, ranges, 304s; the route is ours.
  if (dir) app.useStaticAssets({ root: dir, serve: false });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/*', (request, reply) => {
    const path = (request.params as { '*': string })['*'];
    // /api/… that matched no route of the API: the API's own 404 (problem+json).
    if (path === GLOBAL_PREFIX || path.startsWith(`${GLOBAL_PREFIX}/`)) return reply.callNotFound();
    void reply.header('Content-Security-Policy', WEB_APP_CSP).header('X-Content-Type-Options', 'nosniff');
    if (!dir || !isFile(resolve(dir, 'index.html'))) return reply.code(404).type('text/html; charset=utf-8').send(NOT_BUILT);
    const file = path === '' ? undefined : resolve(dir, path);
    if (file && file.startsWith(dir + sep) && isFile(file)) {
      const relative = file.slice(dir.length + 1);
      return send(reply, relative, relative.startsWith(HASHED_ASSETS) ? IMMUTABLE : 'no-cache');
    }
    return send(reply, 'index.html', 'no-cache');
  });
}

function send(reply: FastifyReply, file: string, cacheControl: string): FastifyReply {
  return reply.header('Cache-Control', cacheControl).sendFile(file, { cacheControl: false });
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
