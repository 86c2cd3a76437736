import { TITLE_MAX } from '@okr/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, ValidateIf } from 'class-validator';
import { enumProperty, SchemaEnums } from '../http/openapi/schema-enums';
import { BoundedString, IsId } from '../http/validators';

const STATUSES = ['planned', 'in_progress', 'done', 'dropped'] as const;
const nullable = (_o: unknown, v: unknown) => v !== null && v !== undefined;

export class CreateInitiativeDto {
  @ApiProperty({ example: 'Ship self-serve onboarding', maxLength: TITLE_MAX })
  @BoundedString(TITLE_MAX, { min: 1 })
  title!: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf(nullable)
  @IsId()
  ownerId?: string | null;

  @ApiProperty({ type: [String], description: 'Key results this output is meant to move (may be empty)' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsId({ each: true })
  keyResultIds!: string[];
}

/** keyResultIds, when given, is the full new set of linked key results. */
export class UpdateInitiativeDto {
  @ApiPropertyOptional({ maxLength: TITLE_MAX })
  @IsOptional()
  @BoundedString(TITLE_MAX, { min: 1 })
  title?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf(nullable)
  @IsId()
  ownerId?: string | null;

  @ApiPropertyOptional(enumProperty(SchemaEnums.initiativeStatus))
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsId({ each: true })
  keyResultIds?: string[];
}
