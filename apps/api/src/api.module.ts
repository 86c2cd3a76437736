import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStore, HashChainedEventStore } from '@okr/event-store';
import { CommandContextFactory } from './application/context-factory';
import { Directory } from './application/directory';
import { Facts } from './application/facts';
import { StreamExecutor } from './application/stream-executor';
import { AuthGuard } from './auth/auth.guard';
import { BootstrapAdmin } from './auth/bootstrap-admin';
import { CloseCycleHandler } from './cycles/close-cycle.handler';
import { CyclesController } from './cycles/cycles.controller';
import { ScheduleCycleHandler } from './cycles/schedule-cycle.handler';
import { HealthController } from './health/health.controller';
import { HealthService } from './health/health.service';
import { IdempotencyInterceptor, IDEMPOTENCY_STORE } from './http/idempotency/idempotency.interceptor';
import { IdempotencyStore } from './http/idempotency/idempotency.store';
import { CreateTenantHandler } from './identity/create-tenant.handler';
import { CreateUserHandler } from './identity/create-user.handler';
import { IdentityController } from './identity/identity.controller';
import { CLOCK, Clock, SystemClock } from './infrastructure/clock';
import { EVENT_STORE } from './infrastructure/event-store.token';
import { ID_GENERATOR, IdGenerator, RandomIdGenerator } from './infrastructure/id-generator';
import { CreateInitiativeHandler } from './initiatives/create-initiative.handler';
import { InitiativesController } from './initiatives/initiatives.controller';
import { UpdateInitiativeHandler } from './initiatives/update-initiative.handler';
import { AddKeyResultHandler } from './key-results/add-key-result.handler';
import { CheckInHandler } from './key-results/check-in.handler';
import { GradeKeyResultHandler } from './key-results/grade-key-result.handler';
import { KeyResultCommandRunner } from './key-results/key-result-command.runner';
import { KeyResultsController } from './key-results/key-results.controller';
import { RemoveKeyResultHandler } from './key-results/remove-key-result.handler';
import { UpdateKeyResultHandler } from './key-results/update-key-result.handler';
import { ArchiveObjectiveHandler } from './objectives/archive-objective.handler';
import { CarryOverObjectiveHandler } from './objectives/carry-over-objective.handler';
import { CloseObjectiveHandler } from './objectives/close-objective.handler';
import { CreateObjectiveHandler } from './objectives/create-objective.handler';
import { ObjectivesController } from './objectives/objectives.controller';
import { SetObjectiveParentHandler } from './objectives/set-objective-parent.handler';
import { UpdateObjectiveHandler } from './objectives/update-objective.handler';
import { CreateTeamHandler } from './teams/create-team.handler';
import { TeamsController } from './teams/teams.controller';
import { UpdateTeamHandler } from './teams/update-team.handler';
import { OkrReader } from './views/okr-reader';
import { PointInTimeQueries } from './point-in-time/point-in-time.service';
import { POINT_IN_TIME_OPTIONS, PointInTimeOptions } from './point-in-time/point-in-time-options';
import { InMemoryReadModelStore, ReadModelStore } from '@okr/read-model';
import { CycleQueriesController } from './queries/cycle-queries.controller';
import { KeyResultQueriesController } from './queries/key-result-queries.controller';
import { ObjectiveQueriesController } from './queries/objective-queries.controller';
import { AlignmentQuery } from './queries/alignment.query';
import { TargetChangesController } from './reports/target-changes.controller';
import { TargetChangesService } from './reports/target-changes.service';
import { CycleDiffService } from './reports/cycle-diff.service';
import { TimeSeriesController } from './reports/time-series.controller';
import { TimeSeriesService } from './reports/time-series.service';
import { OkrQueries } from './queries/okr-queries';
import { CheckInSeries } from './queries/check-in-series';
import { TeamQueriesController } from './queries/team-queries.controller';
import { ProjectionPositionInterceptor } from './read-side/projection-position.interceptor';
import { ProjectionsService } from './read-side/projections.service';
import { PROJECTION_WORKER, PROJECTOR_MODE, ProjectorMode, READ_MODEL_STORE } from './read-side/read-model.token';
import { ProjectionWorkerData } from './read-side/projection-worker-protocol';
import { ReadModels } from './read-side/read-models';
import { AuditVerifyController } from './audit/audit-verify.controller';
import { AuditVerifyService } from './audit/audit-verify.service';
import { AUDIT_VERIFY_SETTINGS, AuditVerifySettings } from './audit/audit-verify-settings';
import { AuditController } from './audit/audit.controller';
import { AuditTrail } from './audit/audit-trail.service';
import { HistoryNames } from './history/history-names';
import { HistoryScopes } from './history/history-scope';
import { HistoryTimeline } from './history/history-timeline.service';
import { KeyResultHistoryController } from './history/key-result-history.controller';
import { ObjectiveHistoryController } from './history/objective-history.controller';
import { CycleEventsController } from './export/cycle-events.controller';
import { CycleEventExport } from './export/cycle-event-export.service';
import { TIME_SERIES_SETTINGS, TimeSeriesSettings } from './reports/time-series-settings';

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
  /** Time-series settings (a worker thread for long folds on the embedded event store). Default: none. */
  timeSeries?: TimeSeriesSettings;
  /** Hash-chain verification settings (a worker thread for long ones on the embedded event store). Default: none. */
  auditVerify?: AuditVerifySettings;
}

const commandHandlers = [
  ScheduleCycleHandler,
  CloseCycleHandler,
  CreateTeamHandler,
  UpdateTeamHandler,
  CreateObjectiveHandler,
  UpdateObjectiveHandler,
  SetObjectiveParentHandler,
  CloseObjectiveHandler,
  ArchiveObjectiveHandler,
  CarryOverObjectiveHandler,
  AddKeyResultHandler,
  UpdateKeyResultHandler,
  CheckInHandler,
  GradeKeyResultHandler,
  RemoveKeyResultHandler,
  CreateInitiativeHandler,
  UpdateInitiativeHandler,
  CreateUserHandler,
  CreateTenantHandler,
];

@Module({})
export class ApiModule {
  static register(options: ApiModuleOptions): DynamicModule {
    return {
      module: ApiModule,
      imports: [CqrsModule.forRoot()],
      controllers: [
        TargetChangesController,
        TimeSeriesController,
        HealthController,
        CyclesController,
        CycleQueriesController,
        TeamsController,
        TeamQueriesController,
        ObjectivesController,
        ObjectiveQueriesController,
        KeyResultsController,
        KeyResultQueriesController,
        InitiativesController,
        IdentityController,
        AuditVerifyController,
        ObjectiveHistoryController,
        KeyResultHistoryController,
        AuditController,
        CycleEventsController,
      ],
      providers: [
        // Every append goes through the hash chain (tamper evidence, decision 10), whatever the backend.
        { provide: EVENT_STORE, useValue: HashChainedEventStore.wrap(options.eventStore) },
        { provide: IDEMPOTENCY_STORE, useValue: options.idempotencyStore },
        { provide: CLOCK, useValue: options.clock ?? new SystemClock() },
        { provide: ID_GENERATOR, useValue: options.ids ?? new RandomIdGenerator() },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: ProjectionPositionInterceptor },
        { provide: READ_MODEL_STORE, useValue: options.readModelStore ?? new InMemoryReadModelStore() },
        { provide: PROJECTOR_MODE, useValue: options.projector ?? 'embedded' },
        { provide: POINT_IN_TIME_OPTIONS, useValue: options.pointInTime ?? {} },
        { provide: PROJECTION_WORKER, useValue: options.projectionWorker ?? null },
        { provide: TIME_SERIES_SETTINGS, useValue: options.timeSeries ?? {} },
        { provide: AUDIT_VERIFY_SETTINGS, useValue: options.auditVerify ?? {} },
        ProjectionsService,
        HealthService,
        ReadModels,
        OkrQueries,
        CheckInSeries,
        AlignmentQuery,
        TargetChangesService,
        CycleDiffService,
        TimeSeriesService,
        PointInTimeQueries,
        StreamExecutor,
        Directory,
        Facts,
        CommandContextFactory,
        KeyResultCommandRunner,
        OkrReader,
        BootstrapAdmin,
        AuditVerifyService,
        CycleEventExport,
        HistoryNames,
        HistoryScopes,
        HistoryTimeline,
        AuditTrail,
        ...commandHandlers,
      ],
    };
  }
}
