import { Agent, request as httpRequest } from 'node:http';
import { summariseLatencies } from '../support/stats';
import type { LoadResult, LoadSpec } from './load-test';

const MAX_ERROR_SAMPLES = 5;

/**
 * The same load as autocannon's (a fixed number of keep-alive connections, each sending its next request
 * when the previous answer has fully arrived), driven by Node's own HTTP client, which leaves answer bodies
 * as the bytes they are. autocannon appends every body chunk to a string (`req.body += data`, a UTF-8
 * decode): for megabyte answers that is the client's main cost, and for gzip bytes — invalid UTF-8, the
 * decoder's slow path — about twenty times that of ASCII (measured: a trivial Fastify route serving 1 MB
 * of gzip bytes, 4 connections: 36 answers/s under autocannon, ~740/s under this client; 1 MB of "xxx…":
 * 715/s under autocannon). On a 2-core machine that client cost is taken from the server, so big answers
 * are measured with this client (and their floors with it too).
 */
export async function runNodeHttpLoad(spec: LoadSpec): Promise<LoadResult> {
  if (spec.warmupSeconds > 0) await runOnce(spec, spec.warmupSeconds);
  return runOnce(spec, spec.seconds);
}

async function runOnce(spec: LoadSpec, seconds: number): Promise<LoadResult> {
  const origin = new URL(spec.origin);
  const agent = new Agent({ keepAlive: true, maxSockets: spec.connections });
  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  const errorSamples: string[] = [];
  let bytes = 0;
  let errors = 0;
  let timeouts = 0;
  const started = process.hrtime.bigint();
  const endAt = Date.now() + seconds * 1000;

  const one = () =>
    new Promise<void>((resolve) => {
      const next = spec.next();
      const sent = process.hrtime.bigint();
      const req = httpRequest(
        {
          host: origin.hostname,
          port: origin.port,
          method: next.method,
          path: next.path,
          agent,
          headers: {
            ...(next.headers ?? {}),
            ...(next.body !== undefined ? { 'content-length': String(Buffer.byteLength(next.body)) } : {}),
          },
        },
        (res) => {
          const status = res.statusCode ?? 0;
          const capture = spec.captureErrorBodies && (status < 200 || status >= 300) && errorSamples.length < MAX_ERROR_SAMPLES;
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
            if (capture) chunks.push(chunk);
          });
          res.on('end', () => {
            latencies.push(Number(process.hrtime.bigint() - sent) / 1e6);
            statusCounts[status] = (statusCounts[status] ?? 0) + 1;
            if (capture) errorSamples.push(`${status} ${Buffer.concat(chunks).toString('utf8').slice(0, 500)}`);
            resolve();
          });
          res.on('error', () => {
            errors++;
            resolve();
          });
        },
      );
      req.setTimeout(spec.timeoutSeconds * 1000, () => {
        timeouts++;
        req.destroy(new Error('timeout'));
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(next.body);
    });

  await Promise.all(
    Array.from({ length: spec.connections }, async () => {
      while (Date.now() < endAt) await one();
    }),
  );
  agent.destroy();
  const duration = Number(process.hrtime.bigint() - started) / 1e9;
  const ok = Object.entries(statusCounts)
    .filter(([status]) => Number(status) >= 200 && Number(status) < 300)
    .reduce((sum, [, n]) => sum + n, 0);
  return {
    client: 'node-http',
    connections: spec.connections,
    seconds: duration,
    responses: latencies.length,
    ok,
    non2xx: latencies.length - ok,
    errors: errors - timeouts,
    timeouts,
    okPerSecond: ok / duration,
    latency: summariseLatencies(latencies),
    statusCounts,
    errorSamples,
    meanResponseBytes: latencies.length ? bytes / latencies.length : 0,
  };
}
