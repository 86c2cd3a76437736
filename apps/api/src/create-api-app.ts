import fastifyCookie from '@fastify/cookie';
import { Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiModule, ApiModuleOptions } from './api.module';
import { BootstrapAdmin } from './identity/bootstrap-admin';
import { configureHttp, createFastifyAdapter } from './http/configure-http';
import { serveWebApp } from './http/web-app';

export interface CreateApiAppOptions extends ApiModuleOptions {
  adminToken?: string;
  logLevels?: LogLevel[] | false;
  /** The built web app (dist/web) to serve outside /api; without it (or before a build), `/` says how to build it. */
  webRoot?: string;
}

/**
 * Builds the HTTP application on the given adapters, ready to listen: routes under /api, problem+json
 * errors, validation, cookies, OpenAPI at /api/docs, the web app outside /api, and the default tenant's admin ensured.
 * Returns the generated admin token when one was generated (first start without OKR_ADMIN_TOKEN).
 */
export async function createApiApp(options: CreateApiAppOptions): Promise<{ app: NestFastifyApplication; generatedAdminToken?: string }> {
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.register(options), createFastifyAdapter(), {
    logger: options.logLevels ?? ['error', 'warn', 'log'],
    bufferLogs: false,
  });
  // Cookies of browser sessions (request.cookies, reply.setCookie): identity/sessions.ts.
  await app.register(fastifyCookie);
  configureHttp(app, { shutdownHooks: false });
  serveWebApp(app, options.webRoot);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const generatedAdminToken = await app.get(BootstrapAdmin).ensure(options.adminToken);
  new Logger('Api').debug?.('API ready');
  return { app, generatedAdminToken };
}
