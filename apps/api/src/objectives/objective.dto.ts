import { DESCRIPTION_MAX, TITLE_MAX } from '@okr/domain';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, ValidateIf } from 'class-validator';
import { enumProperty, SchemaEnums } from '../http/openapi/schema-enums';
import { BoundedString, IsFiniteNumber, IsId } from '../http/validators';

const KINDS = ['committed', 'aspirational'] as const;
const nullable = (_o: unknown, v: unknown) => v !== null && v !== undefined;

export class CreateObjectiveDto {
  @ApiProperty()
  @IsId()
  cycleId!: string;

  @ApiProperty({ example: 'Delight enterprise customers', maxLength: TITLE_MAX })
  @BoundedString(TITLE_MAX, { min: 1 })
  title!: string;

  @ApiPropertyOptional({ type: String, maxLength: DESCRIPTION_MAX, nullable: true })
  @ValidateIf(nullable)
  @BoundedString(DESCRIPTION_MAX)
  description?: string | null;

  @ApiPropertyOptional({ type: String, description: 'A user id of the tenant', nullable: true })
  @ValidateIf(nullable)
  @IsId()
  ownerId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf(nullable)
  @IsId()
  teamId?: string | null;

  @ApiProperty(enumProperty(SchemaEnums.kind))
  @IsIn(KINDS)
  kind!: (typeof KINDS)[number];
}

/** Every field of an objective but its cycle, each optional; `null` clears description, owner or team. */
export class UpdateObjectiveDto extends PartialType(OmitType(CreateObjectiveDto, ['cycleId'] as const)) {}

export class SetParentDto {
  @ApiProperty({ type: String, nullable: true, description: 'The parent objective, or null to unalign' })
  @ValidateIf((_o, v) => v !== null)
  @IsId()
  parentObjectiveId!: string | null;

  @ApiPropertyOptional({ default: 1, description: 'Alignment weight in the parent rollup, > 0' })
  @IsOptional()
  @IsFiniteNumber({ min: 0, max: 1000 })
  weight?: number;
}

export class CloseObjectiveDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 1, description: 'Explicit score; omitted → weighted mean of the key results scores' })
  @IsOptional()
  @IsFiniteNumber({ min: 0, max: 1 })
  score?: number;
}

export class CarryOverDto {
  @ApiProperty({ description: 'The cycle to carry the objective into' })
  @IsId()
  cycleId!: string;
}
