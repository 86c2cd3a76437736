import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { EventStore, HashChainedEventStore } from '@okr/event-store';
import { InMemoryReadModelStore, ReadModelStore } from '@okr/read-model';
import { CommandContextFactory } from './application/context-factory';
import { Directory } from './application/directory';
import { Facts } from './application/facts';
import { StreamExecutor } from './application/stream-executor';
import { IdempotencyInterceptor, IDEMPOTENCY_STORE } from './http/idempotency/idempotency.interceptor';
import {
  IdempotencyStore,
  CLOCK,
  Clock,
  SystemClock,
  EVENT_STORE,
  ProjectionWorkerData,
  PROJECTION_WORKER,
  PROJECTOR_MODE,
  ProjectorMode,
  READ_MODEL_STORE,
  ReadModels,
} from '@okr/platform';
import { ID_GENERATOR, IdGenerator, RandomIdGenerator } from './infrastructure/id-generator';
import { POINT_IN_TIME_OPTIONS, PointInTimeOptions } from '@okr/reads';
import { OkrReader } from './views/okr-reader';

/** The adapters the API runs on; main.ts picks them from configuration, tests pass their own. */
export interface ApiModuleOptions {
  eventStore: EventStore;
  idempotencyStore: IdempotencyStore;
  /** Where projections write and queries read. Default: in memory (rebuilt from the log at every start). */
  readModelStore?: ReadModelStore;
  /** 'embedded' (default): this process runs the projections; 'external': a separate projector does. */
  projector?: ProjectorMode;
  clock?: Clock;
  ids?: IdGenerator;
  /** Point-in-time (asOf) settings: where replay snapshots are persisted. Default: in memory only. */
  pointInTime?: PointInTimeOptions;
  /**
   * Run the embedded projection in a worker thread on these files (both stores must be the embedded SQLite
   * ones, opened on these files). Default: on the API thread.
   */
  projectionWorker?: ProjectionWorkerData;
}

/**
 * What every feature shares, global: the adapters and settings given to the API, and the services over them
 * (the Directory, the stream executor and the facts commands need, the read models, the okr reader).
 */
@Module({})
export class CoreModule {
  static forRoot(options: ApiModuleOptions): DynamicModule {
    const values = [
      // Every append goes through the hash chain (tamper evidence, decision 10), whatever the backend.
      { provide: EVENT_STORE, useValue: HashChainedEventStore.wrap(options.eventStore) },
      { provide: IDEMPOTENCY_STORE, useValue: options.idempotencyStore },
      { provide: CLOCK, useValue: options.clock ?? new SystemClock() },
      { provide: ID_GENERATOR, useValue: options.ids ?? new RandomIdGenerator() },
      { provide: READ_MODEL_STORE, useValue: options.readModelStore ?? new InMemoryReadModelStore() },
      { provide: PROJECTOR_MODE, useValue: options.projector ?? 'embedded' },
      { provide: PROJECTION_WORKER, useValue: options.projectionWorker ?? null },
      { provide: POINT_IN_TIME_OPTIONS, useValue: options.pointInTime ?? {} },
    ];
    const services = [StreamExecutor, Directory, Facts, CommandContextFactory, ReadModels, OkrReader];
    return {
      module: CoreModule,
      global: true,
      providers: [...values, ...services, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
      exports: [...values.map((value) => value.provide), ...services],
    };
  }
}
