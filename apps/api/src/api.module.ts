import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditModule } from './audit/audit.module';
import { CheckInsModule } from './check-ins/check-ins.module';
import { ApiModuleOptions, CoreModule } from './core.module';
import { CyclesModule } from './cycles/cycles.module';
import { ExportModule } from './export/export.module';
import { HealthModule } from './health/health.module';
import { HistoryModule } from './history/history.module';
import { IdentityModule } from './identity/identity.module';
import { InitiativesModule } from './initiatives/initiatives.module';
import { KeyResultsModule } from './key-results/key-results.module';
import { ObjectivesModule } from './objectives/objectives.module';
import { PointInTimeModule } from './point-in-time/point-in-time.module';
import { QueriesModule } from './queries/queries.module';
import { ReadSideModule } from './read-side/read-side.module';
import { ReportsModule } from './reports/reports.module';
import { TeamsModule } from './teams/teams.module';

export type { ApiModuleOptions } from './core.module';

/** The HTTP API: the shared core (adapters, settings, Directory…) and one module per feature. */
@Module({})
export class ApiModule {
  static register(options: ApiModuleOptions): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        CqrsModule.forRoot(),
        CoreModule.forRoot(options),
        IdentityModule,
        CyclesModule,
        TeamsModule,
        ObjectivesModule,
        KeyResultsModule,
        InitiativesModule,
        ReadSideModule,
        QueriesModule,
        CheckInsModule,
        PointInTimeModule,
        ReportsModule,
        HistoryModule,
        AuditModule,
        ExportModule,
        HealthModule,
      ],
    };
  }
}
