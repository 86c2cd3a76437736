import 'reflect-metadata';
import { Controller, Get, Header, Module, Param } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';

/** The smallest Nest route: what any request to the API costs at least on this machine. */
@Controller()
class EmptyController {
  @Get('empty')
  empty(): Record<string, never> {
    return {};
  }

  /** A ready-made JSON answer of n bytes (a string), like a cached answer of that size: the floor for serving it. */
  @Get('bytes/:n')
  @Header('Content-Type', 'application/json; charset=utf-8')
  bytes(@Param('n') n: string): Buffer {
    const size = Math.max(2, Math.min(64_000_000, Number(n) || 2));
    let body = payloads.get(size);
    if (!body) {
      body = Buffer.alloc(size, 0x78);
      body[0] = 0x22;
      body[size - 1] = 0x22;
      payloads.set(size, body);
    }
    return body;
  }
}

const payloads = new Map<number, Buffer>();

@Module({ controllers: [EmptyController] })
class EmptyModule {}

/** Child entry: a Nest app on Fastify with one route, GET /api/empty → {}, on 127.0.0.1:$PORT. */
async function main(): Promise<void> {
  const port = Number(process.env.PORT);
  const app = await NestFactory.create<NestFastifyApplication>(EmptyModule, new FastifyAdapter({ logger: false }), {
    logger: ['error', 'warn'],
  });
  app.setGlobalPrefix('api');
  await app.listen({ port, host: '127.0.0.1' });
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
