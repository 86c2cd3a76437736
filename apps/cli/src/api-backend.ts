import { ApiClient } from './api-client';
import {
  AlignmentAnswerJson,
  CycleDiffJson,
  CycleSummary,
  ExportFormat,
  OkrBackend,
  ProgressListener,
  TimeSeriesRequest,
  VerifyJson,
} from './backend';

const cycle = (id: string) => `/cycles/${encodeURIComponent(id)}`;

/** The answers of a running API, over HTTP (the tenant is the token's). */
export class ApiBackend implements OkrBackend {
  constructor(private readonly client: ApiClient) {}

  get description(): string {
    return this.client.baseUrl;
  }

  async cycles(): Promise<CycleSummary[]> {
    return (await this.client.json<{ items: CycleSummary[] }>('/cycles')).items;
  }

  alignmentAt(cycleId: string, at: string): Promise<AlignmentAnswerJson> {
    // One request: nothing to show progress of (the API replays on its side).
    return this.client.json(`${cycle(cycleId)}/alignment`, { query: { asOf: at }, optionOf: { asOf: 'at' }, command: 'replay' });
  }

  diff(cycleId: string, from: string, to: string): Promise<CycleDiffJson> {
    return this.client.json(`${cycle(cycleId)}/diff`, { query: { from, to }, optionOf: { from: 'from', to: 'to' }, command: 'diff' });
  }

  timeSeries(cycleId: string, request: TimeSeriesRequest, progress?: ProgressListener): Promise<AsyncIterable<Uint8Array>> {
    const query: Record<string, string> = { interval: request.interval, format: request.format };
    if (request.from !== undefined) query.from = request.from;
    if (request.to !== undefined) query.to = request.to;
    return this.client.stream(
      `${cycle(cycleId)}/timeseries`,
      { query, optionOf: { interval: 'interval', format: 'format', from: 'from', to: 'to' }, command: 'timeseries' },
      (bytes) => progress?.(bytes, undefined, 'bytes'),
    );
  }

  verify(): Promise<VerifyJson> {
    return this.client.json('/audit/verify');
  }

  exportEvents(cycleId: string, format: ExportFormat, progress?: ProgressListener): Promise<AsyncIterable<Uint8Array>> {
    return this.client.stream(
      `${cycle(cycleId)}/events`,
      { query: { format }, optionOf: { format: 'format' }, command: 'export' },
      (bytes) => progress?.(bytes, undefined, 'bytes'),
    );
  }

  async close(): Promise<void> {
    // Nothing held open between requests.
  }
}
