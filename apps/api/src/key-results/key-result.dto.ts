import { CHECK_IN_CADENCES, CheckInCadence, NOTE_MAX, REASON_MAX, TITLE_MAX } from '@okr/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsObject, IsOptional, ValidateIf, ValidateNested } from 'class-validator';
import { enumProperty, SchemaEnums } from '../http/openapi/schema-enums';
import { BoundedString, IsFiniteNumber, IsId, IsIsoDateTime } from '../http/validators';

const METRIC_TYPES = ['increase', 'decrease', 'atLeast', 'atMost', 'milestone'] as const;
const nullable = (_o: unknown, v: unknown) => v !== null && v !== undefined;

export class MetricDto {
  @ApiProperty(enumProperty(SchemaEnums.metricType))
  @IsIn(METRIC_TYPES)
  type!: (typeof METRIC_TYPES)[number];

  @ApiPropertyOptional({ description: 'Required for increase/decrease; default 0 otherwise; milestone: always 0' })
  @IsOptional()
  @IsFiniteNumber()
  start?: number;

  @ApiPropertyOptional({ description: 'Required except for milestone (always 1)' })
  @IsOptional()
  @IsFiniteNumber()
  target?: number;

  @ApiPropertyOptional({ type: String, example: '%', maxLength: 32, nullable: true })
  @ValidateIf(nullable)
  @BoundedString(32)
  unit?: string | null;
}

export class AddKeyResultDto {
  @ApiProperty({ example: 'Reduce monthly churn', maxLength: TITLE_MAX })
  @BoundedString(TITLE_MAX, { min: 1 })
  title!: string;

  @ApiProperty({ type: MetricDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MetricDto)
  metric!: MetricDto;

  @ApiPropertyOptional({ default: 1, description: '> 0' })
  @IsOptional()
  @IsFiniteNumber({ min: 0, max: 1000 })
  weight?: number;

  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf(nullable)
  @IsId()
  ownerId?: string | null;

  @ApiPropertyOptional({
    enum: CHECK_IN_CADENCES,
    nullable: true,
    description: "How often to check in; absent or null: the tenant's cadence",
  })
  @ValidateIf(nullable)
  @IsIn(CHECK_IN_CADENCES)
  checkInCadence?: CheckInCadence | null;
}

/** A new target needs a reason (the old target stays in history). */
export class UpdateKeyResultDto {
  @ApiPropertyOptional({ maxLength: TITLE_MAX })
  @IsOptional()
  @BoundedString(TITLE_MAX, { min: 1 })
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsFiniteNumber()
  target?: number;

  @ApiPropertyOptional({ maxLength: REASON_MAX, description: 'Why the target changed; required with target' })
  @IsOptional()
  @BoundedString(REASON_MAX, { min: 1 })
  reason?: string;

  @ApiPropertyOptional({ description: '> 0' })
  @IsOptional()
  @IsFiniteNumber({ min: 0, max: 1000 })
  weight?: number;

  @ApiPropertyOptional({
    enum: CHECK_IN_CADENCES,
    nullable: true,
    description: "How often to check in; null: back to the tenant's cadence",
  })
  @ValidateIf(nullable)
  @IsIn(CHECK_IN_CADENCES)
  checkInCadence?: CheckInCadence | null;
}

export class CheckInDto {
  @ApiProperty({ example: 42 })
  @IsFiniteNumber()
  value!: number;

  @ApiProperty({ minimum: 0, maximum: 1, example: 0.7 })
  @IsFiniteNumber({ min: 0, max: 1 })
  confidence!: number;

  @ApiPropertyOptional({ type: String, maxLength: NOTE_MAX, nullable: true })
  @ValidateIf(nullable)
  @BoundedString(NOTE_MAX)
  note?: string | null;

  @ApiPropertyOptional({
    description: 'When the value was true (ISO-8601); default now; may be backdated inside the cycle, never in the future',
  })
  @IsOptional()
  @IsIsoDateTime()
  effectiveAt?: string;
}

export class GradeDto {
  @ApiProperty({ minimum: 0, maximum: 1 })
  @IsFiniteNumber({ min: 0, max: 1 })
  score!: number;
}
