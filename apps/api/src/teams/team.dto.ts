import { NAME_MAX } from '@okr/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateIf } from 'class-validator';
import { BoundedString, IsId } from '../http/validators';

export class CreateTeamDto {
  @ApiProperty({ example: 'Platform', maxLength: NAME_MAX })
  @BoundedString(NAME_MAX, { min: 1 })
  name!: string;

  @ApiPropertyOptional({ type: String, description: 'Parent team id; omit or null for a top-level team', nullable: true })
  @IsOptional()
  @IsId()
  parentTeamId?: string | null;
}

/** Rename and/or move. `parentTeamId: null` moves the team to the top level. */
export class UpdateTeamDto {
  @ApiPropertyOptional({ maxLength: NAME_MAX })
  @IsOptional()
  @BoundedString(NAME_MAX, { min: 1 })
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsId()
  parentTeamId?: string | null;
}
