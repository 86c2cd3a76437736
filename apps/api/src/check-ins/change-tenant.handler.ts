import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError, StreamCategory, TenantCommand, streamName, tenantDecider } from '@okr/domain';
import { CommandContext, WriteResult } from '../application/command-context';
import { StreamExecutor } from '../application/stream-executor';
import { ChangeTenantDto } from './check-ins.dto';

export class ChangeTenantCommand extends Command<WriteResult> {
  constructor(
    readonly context: CommandContext,
    readonly input: ChangeTenantDto,
  ) {
    super();
  }
}

/** Changes the settings of the caller's tenant (today its check-in cadence). */
@CommandHandler(ChangeTenantCommand)
export class ChangeTenantHandler implements ICommandHandler<ChangeTenantCommand> {
  constructor(private readonly executor: StreamExecutor) {}

  async execute({ context, input }: ChangeTenantCommand): Promise<WriteResult> {
    const tenantId = context.principal.tenantId;
    const notFound = () => new NotFoundError('tenant.not_found', `Tenant ${tenantId} not found`);
    const { version, position } = await this.executor.stream(streamName(StreamCategory.tenant, tenantId), tenantDecider).execute(
      context,
      (): TenantCommand[] =>
        input.checkInCadence === undefined
          ? []
          : [
              {
                type: 'ChangeTenantCheckInCadence',
                now: context.now.toISOString(),
                data: { tenantId, checkInCadence: input.checkInCadence },
              },
            ],
      { notFound },
    );
    return { version, position };
  }
}
