import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateIf } from 'class-validator';
import { BoundedString, IsId } from '../http/validators';

export class CreateTeamDto {
  @ApiProperty({ example: 'Platform', maxLength: 120 })
  @BoundedString(120, { min: 1 })
  name!: string;

  @ApiPropertyOptional({ description: 'Parent team id; omit or null for a top-level team', nullable: true })
  @IsOptional()
  @IsId()
  parentTeamId?: string | null;
}

/** Rename and/or move. `parentTeamId: null` moves the team to the top level. */
export class UpdateTeamDto {
  @ApiPropertyOptional({ maxLength: 120 })
  @IsOptional()
  @BoundedString(120, { min: 1 })
  name?: string;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsId()
  parentTeamId?: string | null;
}
