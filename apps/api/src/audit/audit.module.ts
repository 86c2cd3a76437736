import { Module } from '@nestjs/common';
import { HistoryModule } from '../history/history.module';
import { AuditTrail } from './audit-trail.service';
import { AuditVerifyController } from './audit-verify.controller';
import { AuditVerifyService } from '@okr/reads';
import { AuditController } from './audit.controller';

/** The tenant's audit trail and the hash-chain verification. */
@Module({
  imports: [HistoryModule],
  controllers: [AuditVerifyController, AuditController],
  providers: [AuditVerifyService, AuditTrail],
})
export class AuditModule {}
