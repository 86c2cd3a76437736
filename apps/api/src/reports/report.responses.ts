import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { MetricType, ObjectiveHealth } from '@okr/domain';
import { TIME_SERIES_INTERVALS } from '@okr/projections';
import type { TimeSeriesInterval, TimeSeriesJson } from '@okr/projections';
import type { CycleDiffBody, Delta, RecordedChange } from '@okr/reads';
import { ActorDto } from '../http/openapi/common.dto';
import { enumProperty, SchemaEnums } from '../http/openapi/schema-enums';
import { TitledRefDto } from '../queries/query.responses';
import type { MovedGoalposts, TargetChange } from './target-changes';

/** Answers of the cycle reports: time series, goalposts moved, cycle diff. */

/** A column of a time series: one number per boundary, null where the entity did not exist then. */
const SERIES = { type: 'array', items: { type: 'number', nullable: true } } as const;

export class TimeSeriesObjectiveDto {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ ...SERIES, description: 'progress[i] at boundaries[i]' })
  progress!: (number | null)[];

  @ApiProperty({ ...SERIES, description: 'rollup[i] at boundaries[i]' })
  rollup!: (number | null)[];
}

export class TimeSeriesKeyResultDto {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  objectiveId!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ ...SERIES, description: 'value[i] at boundaries[i]' })
  value!: (number | null)[];

  @ApiProperty({ ...SERIES, description: 'progress[i] at boundaries[i]' })
  progress!: (number | null)[];
}

/** GET /api/cycles/:id/timeseries as JSON (columnar). */
export class TimeSeriesDto implements TimeSeriesJson {
  @ApiProperty()
  cycleId!: string;

  @ApiProperty({ enum: [...TIME_SERIES_INTERVALS] })
  interval!: TimeSeriesInterval;

  @ApiProperty({ type: [String], format: 'date-time', description: 'The instants of the points, increasing' })
  boundaries!: string[];

  @ApiProperty({ type: () => [TimeSeriesObjectiveDto] })
  objectives!: TimeSeriesObjectiveDto[];

  @ApiProperty({ type: () => [TimeSeriesKeyResultDto] })
  keyResults!: TimeSeriesKeyResultDto[];
}

export class TargetChangeDto implements TargetChange {
  @ApiProperty({ type: 'integer', description: 'Position of the change in the log' })
  position!: number;

  @ApiProperty({ type: String, format: 'date-time' })
  recordedAt!: string;

  @ApiProperty({ type: () => ActorDto })
  actor!: ActorDto;

  @ApiProperty()
  from!: number;

  @ApiProperty()
  to!: number;

  @ApiProperty()
  reason!: string;
}

export class ProgressAgainstDto {
  @ApiProperty({ minimum: 0, maximum: 1, description: 'Clamped to 0..1' })
  progress!: number;

  @ApiProperty({ description: 'Not clamped' })
  raw!: number;
}

export class MovedGoalpostsDto implements MovedGoalposts {
  @ApiProperty()
  keyResultId!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ type: () => TitledRefDto })
  objective!: TitledRefDto;

  @ApiProperty(enumProperty(SchemaEnums.metricType))
  metric!: MetricType;

  @ApiProperty()
  current!: number;

  @ApiProperty()
  originalTarget!: number;

  @ApiProperty()
  currentTarget!: number;

  @ApiProperty({ type: () => ProgressAgainstDto, description: 'Progress with the original target' })
  againstOriginal!: ProgressAgainstDto;

  @ApiProperty({ type: () => ProgressAgainstDto, description: 'Progress with the current target (what the read models show)' })
  againstCurrent!: ProgressAgainstDto;

  @ApiProperty({ description: 'againstCurrent.progress − againstOriginal.progress: how much the moves changed the score' })
  shift!: number;

  @ApiProperty({ type: () => [TargetChangeDto], description: 'Every change, oldest first' })
  changes!: TargetChangeDto[];
}

export class TargetChangesDto {
  @ApiProperty()
  cycleId!: string;

  @ApiProperty({ type: () => [MovedGoalpostsDto], description: 'Biggest effect on the score first' })
  keyResults!: MovedGoalpostsDto[];
}

export class AddedObjectiveDto extends TitledRefDto {
  @ApiProperty({ type: String, nullable: true })
  parentId!: string | null;
}

export class ClosedObjectiveDto extends TitledRefDto {
  @ApiProperty({ type: Number, nullable: true })
  score!: number | null;
}

export class IdChangeDto {
  @ApiProperty({ type: String, nullable: true })
  from!: string | null;

  @ApiProperty({ type: String, nullable: true })
  to!: string | null;
}

export class NumberChangeDto {
  @ApiProperty({ type: Number, nullable: true })
  from!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  to!: number | null;
}

export class RealignedObjectiveDto extends TitledRefDto {
  @ApiProperty({ type: () => IdChangeDto, description: 'The parent objective at each instant' })
  parent!: IdChangeDto;

  @ApiProperty({ type: () => NumberChangeDto, description: 'The alignment weight at each instant' })
  weight!: NumberChangeDto;
}

export class DiffObjectivesDto {
  @ApiProperty({ type: () => [AddedObjectiveDto] })
  added!: AddedObjectiveDto[];

  @ApiProperty({ type: () => [TitledRefDto] })
  archived!: TitledRefDto[];

  @ApiProperty({ type: () => [ClosedObjectiveDto] })
  closed!: ClosedObjectiveDto[];

  @ApiProperty({ type: () => [RealignedObjectiveDto] })
  realigned!: RealignedObjectiveDto[];
}

export class DiffKeyResultDto extends TitledRefDto {
  @ApiProperty()
  objectiveId!: string;
}

export class RecordedChangeDto implements RecordedChange {
  @ApiProperty({ type: 'integer', description: 'Position of the change in the log' })
  position!: number;

  @ApiProperty({ type: String, format: 'date-time' })
  recordedAt!: string;

  @ApiProperty({ type: () => ActorDto })
  actor!: ActorDto;

  @ApiProperty()
  from!: number;

  @ApiProperty()
  to!: number;

  @ApiPropertyOptional({ description: 'Why (target changes)' })
  reason?: string;
}

export class DiffKeyResultChangeDto extends DiffKeyResultDto {
  @ApiProperty({ description: 'The value at `from`' })
  from!: number;

  @ApiProperty({ description: 'The value at `to`' })
  to!: number;

  @ApiProperty({ type: () => [RecordedChangeDto], description: 'Each change recorded between the instants: who, when, why' })
  changes!: RecordedChangeDto[];
}

export class DiffKeyResultsDto {
  @ApiProperty({ type: () => [DiffKeyResultDto] })
  added!: DiffKeyResultDto[];

  @ApiProperty({ type: () => [DiffKeyResultDto] })
  removed!: DiffKeyResultDto[];

  @ApiProperty({ type: () => [DiffKeyResultChangeDto] })
  targetChanged!: DiffKeyResultChangeDto[];

  @ApiProperty({ type: () => [DiffKeyResultChangeDto] })
  weightChanged!: DiffKeyResultChangeDto[];
}

export class DeltaDto implements Delta {
  @ApiProperty()
  from!: number;

  @ApiProperty()
  to!: number;

  @ApiProperty({ description: 'to − from' })
  delta!: number;
}

export class HealthChangeDto {
  @ApiProperty(enumProperty(SchemaEnums.health))
  from!: ObjectiveHealth;

  @ApiProperty(enumProperty(SchemaEnums.health))
  to!: ObjectiveHealth;
}

export class DiffProgressDto extends TitledRefDto {
  @ApiProperty({ type: () => DeltaDto })
  progress!: DeltaDto;

  @ApiProperty({ type: () => DeltaDto })
  rollup!: DeltaDto;

  @ApiProperty({ type: () => HealthChangeDto, description: 'Health by pace at each instant' })
  status!: HealthChangeDto;
}

/** GET /api/cycles/:id/diff. */
export class CycleDiffDto implements CycleDiffBody {
  @ApiProperty()
  cycleId!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  from!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  to!: string;

  @ApiProperty({ type: () => DiffObjectivesDto })
  objectives!: DiffObjectivesDto;

  @ApiProperty({ type: () => DiffKeyResultsDto })
  keyResults!: DiffKeyResultsDto;

  @ApiProperty({
    type: () => [DiffProgressDto],
    description: 'Every objective present at both instants whose progress, rollup or status moved',
  })
  progress!: DiffProgressDto[];
}
