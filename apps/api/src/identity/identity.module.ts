import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { OkrQueries } from '@okr/reads';
import { AuthGuard } from './auth.guard';
import { BootstrapAdmin } from './bootstrap-admin';
import { CreateTenantHandler } from './create-tenant.handler';
import { CreateUserHandler } from './create-user.handler';
import { IdentityController } from './identity.controller';
import { SessionController } from './session.controller';
import { EndSessionHandler, StartSessionHandler } from './session.handler';
import { Sessions } from './sessions';
import { UpdateUserHandler } from './update-user.handler';
import { IssueUserTokenHandler, RevokeUserTokenHandler } from './user-token.handler';
import { UsersController } from './users.controller';

/**
 * Tenants, users (roles, teams, tokens) and browser sessions; the guard in front of every route (bearer token or
 * session cookie); the default tenant's first admin.
 */
@Module({
  controllers: [IdentityController, UsersController, SessionController],
  providers: [
    CreateTenantHandler,
    CreateUserHandler,
    UpdateUserHandler,
    IssueUserTokenHandler,
    RevokeUserTokenHandler,
    StartSessionHandler,
    EndSessionHandler,
    Sessions,
    OkrQueries,
    BootstrapAdmin,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [BootstrapAdmin],
})
export class IdentityModule {}
