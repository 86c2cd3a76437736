import { ForbiddenException } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StreamCategory, streamName, tenantDecider } from '@okr/domain';
import { CommandContext } from '../application/command-context';
import { CommandContextFactory } from '../application/context-factory';
import { StreamExecutor } from '../application/stream-executor';
import { DEFAULT_TENANT_ID } from './bootstrap-admin';
import { createUserWithToken } from './create-user.handler';
import { CreateTenantDto } from './identity.dto';

export interface CreatedTenant {
  id: string;
  adminId: string;
  /** The first admin's token, shown once. */
  adminToken: string;
  position: number;
}

export class CreateTenantCommand extends Command<CreatedTenant> {
  constructor(
    readonly context: CommandContext,
    readonly input: CreateTenantDto,
  ) {
    super();
  }
}

/**
 * Creates a tenant and its first admin. Only admins of the `default` tenant may. The new streams belong to
 * the new tenant (tenantId in their metadata); the actor is the default admin who created them.
 */
@CommandHandler(CreateTenantCommand)
export class CreateTenantHandler implements ICommandHandler<CreateTenantCommand> {
  constructor(
    private readonly executor: StreamExecutor,
    private readonly contexts: CommandContextFactory,
  ) {}

  async execute({ context, input }: CreateTenantCommand): Promise<CreatedTenant> {
    if (context.principal.tenantId !== DEFAULT_TENANT_ID || context.principal.role !== 'admin') {
      throw new ForbiddenException('Only an admin of the default tenant can create tenants');
    }
    const tenantId = this.contexts.newId(context);
    const adminId = this.contexts.newId(context);
    const asNewTenant: CommandContext = { ...context, principal: { ...context.principal, tenantId } };
    const now = context.now.toISOString();
    await this.executor.stream(streamName(StreamCategory.tenant, tenantId), tenantDecider).execute(asNewTenant, () => ({
      type: 'CreateTenant',
      now,
      data: { tenantId, name: input.name },
    }));
    const admin = await createUserWithToken(this.executor, asNewTenant, {
      userId: adminId,
      tenantId,
      name: input.adminName,
      role: 'admin',
    });
    return { id: tenantId, adminId, adminToken: admin.token, position: admin.result.position };
  }
}
