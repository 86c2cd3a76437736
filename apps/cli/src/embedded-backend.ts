import { HttpException, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DomainError } from '@okr/domain';
import { SqliteEventStore } from '@okr/event-store';
import { existsSync } from 'node:fs';
import {
  AuditVerifyService,
  CycleEventExport,
  PointInTimeQueries,
  OkrQueries,
  CycleDiffService,
  timeSeriesCsvLines,
  timeSeriesJsonChunks,
  TimeSeriesService,
} from '@okr/reads';
import { InvalidRequestException, SystemClock, embeddedPaths } from '@okr/platform';
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
import { CliError } from './cli-errors';
import { CliModule } from './cli.module';
import { cycleStreamIds, SelectedStreamsEventStore } from './cycle-streams-event-store';
import { ReadOnlyEventStore } from './read-only-event-store';
import { usageErrorFromFields } from './request-errors';

/**
 * The answers of the embedded store, read directly: the SQLite event log opened read-only, and the API's own
 * query services (CliModule) over it, so each answer is the JSON the API's endpoint gives for the same question.
 *
 * Read models: the CLI never opens read-models.db (it may lag the log, be mid-rebuild, or need writes to build
 * an index). The services' "live" read models are the log replayed in memory up to now — the same point-in-time
 * replay as `?asOf=` (decision 13), which equals what the live read models hold once they have caught up.
 * Only `export` needs them (the cycle's streams as known now); the other commands avoid that replay: `replay` and
 * `diff` replay up to their instants only, the cycle list comes from the cycle streams alone, and `verify` and
 * `timeseries` read the log themselves.
 */
export class EmbeddedBackend implements OkrBackend {
  private live?: Promise<INestApplicationContext>;

  private constructor(
    private readonly store: SqliteEventStore,
    private readonly view: ReadOnlyEventStore,
    private readonly base: INestApplicationContext,
    private readonly tenantId: string,
    readonly description: string,
  ) {}

  static async open(dataDir: string, tenantId: string): Promise<EmbeddedBackend> {
    const file = embeddedPaths(dataDir).events;
    if (!existsSync(file)) throw new CliError(`No event store at ${file}: check --data or OKR_DATA_DIR`);
    let store: SqliteEventStore;
    try {
      store = SqliteEventStore.open({ filePath: file, readonly: true });
    } catch (error) {
      throw new CliError(`Cannot open ${file} read-only: ${(error as Error).message}`);
    }
    try {
      const view = new ReadOnlyEventStore(store);
      const base = await NestFactory.createApplicationContext(CliModule.register({ eventStore: view }), {
        logger: false,
        abortOnError: false,
      });
      return new EmbeddedBackend(store, view, base, tenantId, file);
    } catch (error) {
      await store.close();
      throw error;
    }
  }

  /** The services over the log replayed up to now (built on first use; only the export needs them: which streams are the cycle's now). */
  private services(): Promise<INestApplicationContext> {
    this.live ??= (async () => {
      const pointInTime = this.base.get(PointInTimeQueries);
      const { models } = await pointInTime.readModelsAt(new Date().toISOString());
      return NestFactory.createApplicationContext(CliModule.register({ eventStore: this.view, liveModels: models, pointInTime }), {
        logger: false,
        abortOnError: false,
      });
    })();
    return this.live;
  }

  /** Runs `work`, telling `progress` how far its reads of the log have got (replays read it page by page). */
  private async reading<T>(progress: ProgressListener | undefined, work: () => Promise<T>): Promise<T> {
    if (!progress) return work();
    const head = await this.store.headPosition();
    this.view.observe((position) => progress(position, head, 'events'));
    try {
      return await work();
    } finally {
      this.view.observe(undefined);
    }
  }

  /**
   * The tenant's cycles as GET /api/cycles lists them: the okr projection replayed over the cycle streams alone
   * (exact: a cycle's document comes from its own stream), then the same query — no replay of the whole log.
   */
  async cycles(): Promise<CycleSummary[]> {
    const view = new SelectedStreamsEventStore(this.view, cycleStreamIds(this.store.database));
    const context = await NestFactory.createApplicationContext(CliModule.register({ eventStore: view }), {
      logger: false,
      abortOnError: false,
    });
    try {
      const { models } = await context.get(PointInTimeQueries).readModelsAt(new Date().toISOString());
      return (await new OkrQueries(models, new SystemClock()).cycles(this.tenantId)).items;
    } finally {
      await context.close();
    }
  }

  /** One replay, up to `at` (no "live" read models needed). */
  async alignmentAt(cycleId: string, at: string, progress?: ProgressListener): Promise<AlignmentAnswerJson> {
    const pointInTime = this.base.get(PointInTimeQueries);
    const answer = await this.reading(progress, () =>
      answerOrExplain(() => pointInTime.alignment(this.tenantId, cycleId, at, false), { asOf: 'at' }, 'replay'),
    );
    return JSON.parse(Buffer.concat(answer.chunks.map((chunk) => Buffer.from(chunk))).toString('utf8')) as AlignmentAnswerJson;
  }

  /**
   * Two replays (at `from` and at `to`), no replay up to now: the service reads the actors' names from its
   * "live" read models, here the models at `to`, which hold every actor of a change made by then, by the name they
   * had at `to` (a user renamed since shows their earlier name).
   */
  async diff(cycleId: string, from: string, to: string, progress?: ProgressListener): Promise<CycleDiffJson> {
    const pointInTime = this.base.get(PointInTimeQueries);
    return this.reading(progress, () =>
      answerOrExplain(
        async () => {
          // `from` first: an instant at fault is named in the service's order (from, then to).
          await pointInTime.readModelsAt(from, 'from');
          const { models } = await pointInTime.readModelsAt(to, 'to');
          const context = await NestFactory.createApplicationContext(
            CliModule.register({ eventStore: this.view, liveModels: models, pointInTime }),
            {
              logger: false,
              abortOnError: false,
            },
          );
          try {
            return await context.get(CycleDiffService).diff(this.tenantId, cycleId, from, to);
          } finally {
            await context.close();
          }
        },
        { from: 'from', to: 'to' },
        'diff',
      ),
    );
  }

  /** Needs no read models: the service folds the cycle's timeline from the log itself. */
  async timeSeries(cycleId: string, request: TimeSeriesRequest, progress?: ProgressListener): Promise<AsyncIterable<string>> {
    const service = this.base.get(TimeSeriesService);
    const series = await answerOrExplain(
      () =>
        service.series(this.tenantId, cycleId, request.interval, {
          from: request.from,
          to: request.to,
          onProgress: (position, head) => progress?.(position, head, 'events'),
        }),
      { interval: 'interval', format: 'format', from: 'from', to: 'to' },
      'timeseries',
    );
    return toAsync(request.format === 'csv' ? timeSeriesCsvLines(series) : timeSeriesJsonChunks(series));
  }

  async verify(progress?: ProgressListener): Promise<VerifyJson> {
    return this.base.get(AuditVerifyService).verify(this.tenantId, (p) => progress?.(p.position, p.headPosition, 'events'));
  }

  async exportEvents(cycleId: string, format: ExportFormat, progress?: ProgressListener): Promise<AsyncIterable<string>> {
    const services = await this.reading(progress, () => this.services());
    const file = await answerOrExplain(
      () => services.get(CycleEventExport).open(this.tenantId, cycleId, format, (position, until) => progress?.(position, until, 'events')),
      { format: 'format' },
      'export',
    );
    return file.chunks;
  }

  async close(): Promise<void> {
    const live = this.live;
    this.live = undefined;
    if (live) await (await live.catch(() => undefined))?.close();
    await this.base.close();
    await this.store.close();
  }
}

/**
 * Runs a service call, turning what the API would answer as an error into the CLI's errors: a 400 with field
 * errors → UsageError naming the options; a domain error (404…) or another HTTP error → CliError with the
 * same detail the API gives. Anything else is unexpected and goes up as it is.
 */
async function answerOrExplain<T>(call: () => Promise<T>, optionOf: Record<string, string>, command: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof InvalidRequestException) throw usageErrorFromFields(error.errors, optionOf, command);
    if (error instanceof DomainError && error.kind === 'invalid_input' && error.field)
      throw usageErrorFromFields([{ field: error.field, message: error.message }], optionOf, command);
    if (error instanceof DomainError) throw new CliError(error.message);
    if (error instanceof HttpException) throw new CliError(error.message);
    throw error;
  }
}

/** The text the API would send, as the CLI's output writer takes it (the same chunks' concatenation). */
async function* toAsync(chunks: Iterable<string>): AsyncGenerator<string> {
  yield* chunks;
}
