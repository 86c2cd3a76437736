import { ApiProperty } from '@nestjs/swagger';
import type { OkrReader } from '../views/okr-reader';

type TeamView = Awaited<ReturnType<OkrReader['team']>>['view'];
/** GET /api/teams/:id: the team as its stream holds it. */
export class TeamDto implements TeamView {
  @ApiProperty()
  id!: string;

  @ApiProperty({ example: 'Platform' })
  name!: string;

  @ApiProperty({ type: String, nullable: true, description: 'null for a top-level team' })
  parentTeamId!: string | null;

  @ApiProperty({ type: 'integer', description: 'Its version (the ETag; what If-Match takes)' })
  version!: number;
}
