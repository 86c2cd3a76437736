import { Module } from '@nestjs/common';
import { CheckInsQuery } from '@okr/reads';
import { ChangeTenantHandler } from './change-tenant.handler';
import { CheckInsController } from './check-ins.controller';
import { TenantSettings } from './tenant-settings';

/** Check-in cadence: who owes which check-in (mine and my teams', a cycle's missed ones), and the tenant's cadence. */
@Module({
  controllers: [CheckInsController],
  providers: [CheckInsQuery, TenantSettings, ChangeTenantHandler],
})
export class CheckInsModule {}
