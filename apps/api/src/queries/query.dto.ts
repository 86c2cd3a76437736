import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { BoundedString, IsId } from '../http/validators';

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @BoundedString(2000, { min: 1 })
  cursor?: string;
}

export class ListObjectivesQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsId() cycleId?: string;
  @ApiPropertyOptional() @IsOptional() @IsId() teamId?: string;
  @ApiPropertyOptional() @IsOptional() @IsId() ownerId?: string;
  @ApiPropertyOptional({ description: 'Objectives aligned under this objective' }) @IsOptional() @IsId() parentId?: string;

  @ApiPropertyOptional({ enum: ['open', 'closed', 'archived'], description: 'Lifecycle status' })
  @IsOptional()
  @IsIn(['open', 'closed', 'archived'])
  status?: 'open' | 'closed' | 'archived';
}

export class TeamRollupQuery {
  @ApiProperty({ description: 'The cycle whose objectives to roll up' })
  @IsId()
  cycleId!: string;
}
