import { Injectable } from '@nestjs/common';
import { NotFoundError, ParentTeam } from '@okr/domain';
import { Directory } from '../application/directory';

/** Finds a prospective parent team in the caller's tenant, with its ancestors for the domain's loop check. */
@Injectable()
export class ParentTeamResolver {
  constructor(private readonly directory: Directory) {}

  async resolve(parentTeamId: string | null, tenantId: string): Promise<ParentTeam | null> {
    if (parentTeamId === null) return null;
    await this.directory.refresh();
    if (!this.directory.inTenant(this.directory.teams, parentTeamId, tenantId)) {
      throw new NotFoundError('team.not_found', `Team ${parentTeamId} not found`, 'parentTeamId');
    }
    return { id: parentTeamId, ancestorIds: this.directory.teamAncestors(parentTeamId) };
  }
}
