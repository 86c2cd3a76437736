import autocannon from 'autocannon';
import { LatencySummary, summariseLatencies } from '../support/stats';
import { runNodeHttpLoad } from './node-http-load';

/** One request of a load, made fresh for every request sent (so ids and bodies can rotate). */
export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadSpec {
  /** The server's origin, e.g. http://127.0.0.1:3000. */
  origin: string;
  connections: number;
  /** Measured duration. */
  seconds: number;
  /** Unmeasured load before (same requests, same connections); 0 for none. */
  warmupSeconds: number;
  /** A request taking longer counts as a timeout error. */
  timeoutSeconds: number;
  next: () => LoadRequest;
  /** Called between the warm-up and the measured load (autocannon client). */
  onMeasureStart?: () => void;
  /** Keep the bodies of the first non-2xx answers (costs buffering every body: leave off for big answers). */
  captureErrorBodies?: boolean;
  /**
   * The load generator: autocannon (default), or Node's HTTP client, which does not decode answer bodies —
   * for big answers, see node-http-load.ts.
   */
  client?: LoadClient;
}

export type LoadClient = 'autocannon' | 'node-http';

/** What one measured load did. Rates count 2xx answers only. */
export interface LoadResult {
  client: LoadClient;
  connections: number;
  seconds: number;
  responses: number;
  ok: number;
  non2xx: number;
  /** Connection errors and timeouts (no answer at all). */
  errors: number;
  timeouts: number;
  /** 2xx answers per second. */
  okPerSecond: number;
  /** Latency of every answer, whatever its status (ms, measured by the client from send to last byte). */
  latency: LatencySummary;
  statusCounts: Record<string, number>;
  /** Bodies of the first few non-2xx answers (when captured). */
  errorSamples: string[];
  meanResponseBytes: number;
}

const MAX_ERROR_SAMPLES = 5;

/**
 * Drives a server with autocannon: `warmupSeconds` of unmeasured load, then `seconds` of measured load,
 * recording the latency of every answer itself (autocannon's own histogram has no p95).
 */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  if (spec.client === 'node-http') return runNodeHttpLoad(spec);
  if (spec.warmupSeconds > 0) await runOnce(spec, spec.warmupSeconds);
  spec.onMeasureStart?.();
  return runOnce(spec, spec.seconds);
}

async function runOnce(spec: LoadSpec, seconds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  const errorSamples: string[] = [];
  let bytes = 0;
  const request: autocannon.Request = {
    // Every request is built by `next` (autocannon copies the defaults into `request` first).
    setupRequest: (request) => {
      const next = spec.next();
      return {
        ...request,
        method: next.method,
        path: next.path,
        headers: { ...(request.headers ?? {}), ...(next.headers ?? {}) },
        body: next.body,
      };
    },
  };
  if (spec.captureErrorBodies) {
    request.onResponse = (status, body) => {
      if ((status < 200 || status >= 300) && errorSamples.length < MAX_ERROR_SAMPLES)
        errorSamples.push(`${status} ${String(body).slice(0, 500)}`);
    };
  }
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const options = {
      url: spec.origin,
      connections: spec.connections,
      duration: seconds,
      timeout: spec.timeoutSeconds,
      requests: [request],
    };
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    instance.on('response', (_client, statusCode, resBytes, responseTime) => {
      latencies.push(responseTime);
      statusCounts[statusCode] = (statusCounts[statusCode] ?? 0) + 1;
      bytes += resBytes;
    });
  });
  const ok = Object.entries(statusCounts)
    .filter(([status]) => Number(status) >= 200 && Number(status) < 300)
    .reduce((sum, [, n]) => sum + n, 0);
  const duration = result.duration > 0 ? result.duration : seconds;
  return {
    client: 'autocannon',
    connections: spec.connections,
    seconds: duration,
    responses: latencies.length,
    ok,
    non2xx: latencies.length - ok,
    errors: result.errors,
    timeouts: result.timeouts,
    okPerSecond: ok / duration,
    latency: summariseLatencies(latencies),
    statusCounts,
    errorSamples,
    meanResponseBytes: latencies.length ? bytes / latencies.length : 0,
  };
}
