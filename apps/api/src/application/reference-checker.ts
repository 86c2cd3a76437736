import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@okr/domain';
import { Directory } from './directory';

/** Checks that ids referenced in a request body exist in the caller's tenant (404 naming the field otherwise). */
@Injectable()
export class ReferenceChecker {
  constructor(private readonly directory: Directory) {}

  async user(id: string | null | undefined, tenantId: string, field: string): Promise<void> {
    if (id === null || id === undefined) return;
    await this.directory.refresh();
    if (!this.directory.inTenant(this.directory.users, id, tenantId))
      throw new NotFoundError('user.not_found', `User ${id} not found`, field);
  }

  async team(id: string | null | undefined, tenantId: string, field: string): Promise<void> {
    if (id === null || id === undefined) return;
    await this.directory.refresh();
    if (!this.directory.inTenant(this.directory.teams, id, tenantId))
      throw new NotFoundError('team.not_found', `Team ${id} not found`, field);
  }
}
