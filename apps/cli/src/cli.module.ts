import { DynamicModule, Module, Provider } from '@nestjs/common';
import { EventStore, HashChainedEventStore } from '@okr/event-store';
import { InMemoryReadModelStore } from '@okr/read-model';
import { AuditVerifyService, CycleEventExport, PointInTimeQueries, OkrQueries, CycleDiffService, TimeSeriesService } from '@okr/reads';
import { CLOCK, SystemClock, EVENT_STORE, READ_MODEL_STORE, ReadModels } from '@okr/platform';

export interface CliModuleOptions {
  /** A read-only view of the opened event store (ReadOnlyEventStore, or a narrower one). */
  eventStore: EventStore;
  /** The read models the services take as "live": the log replayed up to now (see EmbeddedBackend). Default: none (empty). */
  liveModels?: ReadModels;
  /** A PointInTimeQueries to reuse (its replay checkpoints), instead of a new one. */
  pointInTime?: PointInTimeQueries;
}

/**
 * The application's own query services, for the CLI's embedded mode: the same classes the API's endpoints
 * call, over the event store opened read-only. No projections run, no controllers, no HTTP; nothing writes:
 * the read-model store is an empty in-memory one, and the "live" read models are provided ready-made.
 */
@Module({})
export class CliModule {
  static register(options: CliModuleOptions): DynamicModule {
    const providers: Provider[] = [
      // Reads strip the chain keys exactly as in the API (ApiModule wraps the same way); verify reads through it.
      { provide: EVENT_STORE, useValue: HashChainedEventStore.wrap(options.eventStore) },
      { provide: CLOCK, useValue: new SystemClock() },
      { provide: READ_MODEL_STORE, useValue: new InMemoryReadModelStore() },
      options.liveModels ? { provide: ReadModels, useValue: options.liveModels } : ReadModels,
      options.pointInTime ? { provide: PointInTimeQueries, useValue: options.pointInTime } : PointInTimeQueries,
      OkrQueries,
      CycleDiffService,
      CycleEventExport,
      AuditVerifyService,
      TimeSeriesService,
    ];
    return { module: CliModule, providers, exports: providers };
  }
}
