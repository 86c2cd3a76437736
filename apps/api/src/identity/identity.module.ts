import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { BootstrapAdmin } from './bootstrap-admin';
import { CreateTenantHandler } from './create-tenant.handler';
import { CreateUserHandler } from './create-user.handler';
import { IdentityController } from './identity.controller';

/** Tenants and users, the bearer-token guard in front of every route, and the default tenant's first admin. */
@Module({
  controllers: [IdentityController],
  providers: [CreateTenantHandler, CreateUserHandler, BootstrapAdmin, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [BootstrapAdmin],
})
export class IdentityModule {}
