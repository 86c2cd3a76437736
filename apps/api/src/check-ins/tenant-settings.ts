import { Injectable } from '@nestjs/common';
import { NotFoundError, StreamCategory, streamName, tenantDecider } from '@okr/domain';
import { StreamExecutor } from '../application/stream-executor';
import { TenantSettingsDto } from './check-ins.dto';

/** The caller's tenant as its stream folds (always current): its name and check-in cadence. */
@Injectable()
export class TenantSettings {
  constructor(private readonly executor: StreamExecutor) {}

  async read(tenantId: string): Promise<TenantSettingsDto> {
    const { state, version } = await this.executor.load(streamName(StreamCategory.tenant, tenantId), tenantDecider, tenantId);
    if (!state.exists) throw new NotFoundError('tenant.not_found', `Tenant ${tenantId} not found`);
    return { id: state.id, name: state.name, checkInCadence: state.checkInCadence, version };
  }
}
