import { ApiProperty } from '@nestjs/swagger';
import type { CheckInCadence, InitiativeStatus, Metric, ObjectiveHealth, ObjectiveKind, OutputsOutcomeFlag } from '@okr/domain';
import type { AlignmentAnswerHead, AlignmentNode, CycleSummaryView, KeyResultReadView, ObjectiveSummaryView, OkrQueries } from '@okr/reads';
import { ActorDto } from '../http/openapi/common.dto';
import { enumProperty, SchemaEnums } from '../http/openapi/schema-enums';
import type { CheckInSeriesPage, CheckInView } from './check-in-series';

/** Answers of the query routes (cycles, objectives, key results, teams), as the read models give them. */

type Lifecycle = ObjectiveSummaryView['lifecycle'];
type CycleStatus = CycleSummaryView['status'];

export class NamedRefDto {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  name!: string;
}

export class TitledRefDto {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  title!: string;
}

export class MetricViewDto implements Metric {
  @ApiProperty(enumProperty(SchemaEnums.metricType))
  type!: Metric['type'];

  @ApiProperty()
  start!: number;

  @ApiProperty({ description: 'milestone: 1 (done)' })
  target!: number;

  @ApiProperty({ type: String, nullable: true, example: '%' })
  unit!: string | null;
}

export class KeyResultDto implements KeyResultReadView {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  objectiveId!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ type: () => MetricViewDto })
  metric!: MetricViewDto;

  @ApiProperty({ description: 'The target when the key result was added (the current one is metric.target)' })
  originalTarget!: number;

  @ApiProperty({ description: "Weight in the objective's progress" })
  weight!: number;

  @ApiProperty({ type: String, nullable: true })
  ownerId!: string | null;

  @ApiProperty({ ...enumProperty(SchemaEnums.checkInCadence), nullable: true, description: "Its own check-in cadence; null: the tenant's" })
  checkInCadence!: CheckInCadence | null;

  @ApiProperty({ description: 'The value of the latest check-in by effective time (metric.start before any)' })
  current!: number;

  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 1, description: 'Of the latest check-in; null before any' })
  confidence!: number | null;

  @ApiProperty({ minimum: 0, maximum: 1, description: 'Progress towards the target, clamped to 0..1' })
  progress!: number;

  @ApiProperty({ description: 'Progress not clamped (below 0 or above 1 when the value is past start or target)' })
  progressRaw!: number;

  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 1 })
  grade!: number | null;

  @ApiProperty()
  removed!: boolean;

  @ApiProperty({ type: 'integer' })
  checkInCount!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the current value held (null before any check-in)' })
  lastEffectiveAt!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The key result this one was carried over from' })
  carriedOverFrom!: string | null;

  @ApiProperty({ type: [String], description: 'Initiatives linked to it' })
  initiativeIds!: string[];

  @ApiProperty({ type: 'integer', description: 'Its version (the ETag; what If-Match takes)' })
  version!: number;
}

export class ObjectiveSummaryDto implements ObjectiveSummaryView {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  cycleId!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty(enumProperty(SchemaEnums.kind))
  kind!: ObjectiveKind;

  @ApiProperty({ type: String, nullable: true })
  ownerId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  teamId!: string | null;

  @ApiProperty({ ...enumProperty(SchemaEnums.lifecycle), description: 'Where the objective is in its life' })
  lifecycle!: Lifecycle;

  @ApiProperty({
    ...enumProperty(SchemaEnums.health),
    description: 'Health by pace: rollup against `expected` (closed and archived as such)',
  })
  status!: ObjectiveHealth;

  @ApiProperty({ minimum: 0, maximum: 1, description: 'Elapsed fraction of the cycle that the status compares against' })
  expected!: number;

  @ApiProperty({ minimum: 0, maximum: 1, description: 'From its own key results' })
  progress!: number;

  @ApiProperty({ minimum: 0, maximum: 1, description: 'From its key results and its aligned children' })
  rollup!: number;

  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 1 })
  confidence!: number | null;

  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 1, description: 'Set when closed' })
  score!: number | null;

  @ApiProperty({ type: String, nullable: true })
  parentObjectiveId!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: "Weight in the parent's rollup (null when not aligned)" })
  alignmentWeight!: number | null;

  @ApiProperty({ type: [String], description: 'Aligned children' })
  childIds!: string[];

  @ApiProperty({ type: 'integer', description: 'Its version (the ETag; what If-Match takes)' })
  version!: number;
}

export class ObjectivePageDto {
  @ApiProperty({ type: () => [ObjectiveSummaryDto] })
  items!: ObjectiveSummaryDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor!: string | null;
}

export class CarriedOverToDto {
  @ApiProperty()
  objectiveId!: string;

  @ApiProperty()
  cycleId!: string;
}

export class ObjectiveInitiativeDto {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty(enumProperty(SchemaEnums.initiativeStatus))
  status!: InitiativeStatus;

  @ApiProperty({ type: String, nullable: true })
  ownerId!: string | null;

  @ApiProperty({ type: [String] })
  keyResultIds!: string[];
}

export class ObjectiveDto extends ObjectiveSummaryDto implements Awaited<ReturnType<OkrQueries['objective']>> {
  @ApiProperty({ type: String, nullable: true })
  description!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The objective this one was carried over from' })
  carriedOverFrom!: string | null;

  @ApiProperty({ type: () => [CarriedOverToDto], description: 'Where it was carried over to' })
  carriedOverTo!: CarriedOverToDto[];

  @ApiProperty({ type: () => [KeyResultDto], description: 'Its key results, removed ones included (see `removed`)' })
  keyResults!: KeyResultDto[];

  @ApiProperty({ type: () => [ObjectiveInitiativeDto], description: 'Initiatives linked to its key results' })
  initiatives!: ObjectiveInitiativeDto[];
}

export class CycleSummaryDto implements CycleSummaryView {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: String, format: 'date' })
  startsOn!: string;

  @ApiProperty({ type: String, format: 'date' })
  endsOn!: string;

  @ApiProperty(enumProperty(SchemaEnums.cycleStatus))
  status!: CycleStatus;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closedAt!: string | null;
}

export class CycleListDto {
  @ApiProperty({ type: () => [CycleSummaryDto] })
  items!: CycleSummaryDto[];
}

export class AlignmentNodeDto implements AlignmentNode {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty(enumProperty(SchemaEnums.kind))
  kind!: ObjectiveKind;

  @ApiProperty({ ...enumProperty(SchemaEnums.lifecycle), description: 'open or closed (archived objectives are left out)' })
  lifecycle!: Lifecycle;

  @ApiProperty({ ...enumProperty(SchemaEnums.health), description: 'Health by pace at `at`' })
  status!: ObjectiveHealth;

  @ApiProperty({ minimum: 0, maximum: 1 })
  progress!: number;

  @ApiProperty({ minimum: 0, maximum: 1 })
  rollup!: number;

  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 1 })
  confidence!: number | null;

  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 1 })
  score!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: "Weight in the parent's rollup (null when not aligned)" })
  alignmentWeight!: number | null;

  @ApiProperty({ type: () => NamedRefDto, nullable: true })
  owner!: NamedRefDto | null;

  @ApiProperty({ type: () => NamedRefDto, nullable: true })
  team!: NamedRefDto | null;

  @ApiProperty({ type: 'integer', description: "The objective's version (what If-Match takes)" })
  version!: number;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Effective time of the latest current check-in of its live key results (null when none has one)',
  })
  lastCheckInAt!: string | null;

  @ApiProperty({ type: () => [AlignmentNodeDto] })
  children!: AlignmentNodeDto[];
}

export class AlignmentCycleDto {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: String, format: 'date' })
  startsOn!: string;

  @ApiProperty({ type: String, format: 'date' })
  endsOn!: string;

  @ApiProperty(enumProperty(SchemaEnums.cycleStatus))
  status!: CycleStatus;
}

export class AlignmentDto implements AlignmentAnswerHead {
  @ApiProperty({
    type: () => [AlignmentNodeDto],
    description: 'Objectives not aligned under another objective of the cycle, each with its tree',
  })
  roots!: AlignmentNodeDto[];

  @ApiProperty({ type: () => AlignmentCycleDto })
  cycle!: AlignmentCycleDto;

  @ApiProperty({
    minimum: 0,
    maximum: 1,
    description: 'Elapsed fraction of the cycle at `at`, which every open objective is compared against',
  })
  expected!: number;

  @ApiProperty({ type: String, format: 'date-time', description: 'The instant the statuses are computed for' })
  at!: string;

  @ApiProperty({ type: 'integer', description: 'How many objectives the tree holds' })
  objectives!: number;
}

export class InitiativeCountDto {
  @ApiProperty({ type: 'integer', description: 'Live initiatives (not dropped) linked to the key result' })
  total!: number;

  @ApiProperty({ type: 'integer', description: 'Of those, done' })
  done!: number;
}

export class KeyResultOutputsDto {
  @ApiProperty()
  keyResultId!: string;

  @ApiProperty()
  objectiveId!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ minimum: 0, maximum: 1 })
  progress!: number;

  @ApiProperty({ type: () => InitiativeCountDto })
  initiatives!: InitiativeCountDto;

  @ApiProperty({ ...enumProperty(SchemaEnums.outputsOutcomeFlag), isArray: true })
  flags!: OutputsOutcomeFlag[];
}

export class OrphanInitiativeDto {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty(enumProperty(SchemaEnums.initiativeStatus))
  status!: InitiativeStatus;
}

export class UnalignedObjectiveDto {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ description: 'Its team, which has a parent team' })
  teamId!: string;
}

export class OutputsVsOutcomesDto implements Awaited<ReturnType<OkrQueries['outputsVsOutcomes']>> {
  @ApiProperty({ type: () => NamedRefDto })
  cycle!: NamedRefDto;

  @ApiProperty({ type: () => [KeyResultOutputsDto], description: 'Every live key result of the cycle with its initiatives and flags' })
  keyResults!: KeyResultOutputsDto[];

  @ApiProperty({ type: () => [OrphanInitiativeDto], description: "The tenant's live initiatives linked to no live key result" })
  orphanInitiatives!: OrphanInitiativeDto[];

  @ApiProperty({ type: () => [UnalignedObjectiveDto], description: 'Objectives without a parent whose team has a parent team' })
  unalignedObjectives!: UnalignedObjectiveDto[];
}

export class TeamRefDto {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  parentTeamId!: string | null;
}

export class TeamRollupRowDto extends TeamRefDto {
  @ApiProperty({ type: 'integer', description: "How many of the cycle's objectives the team owns" })
  objectives!: number;

  @ApiProperty({ minimum: 0, maximum: 1 })
  rollup!: number;
}

export class TeamRollupDto implements Awaited<ReturnType<OkrQueries['teamRollup']>> {
  @ApiProperty({ type: () => TeamRefDto })
  team!: TeamRefDto;

  @ApiProperty({ type: () => NamedRefDto })
  cycle!: NamedRefDto;

  @ApiProperty({ minimum: 0, maximum: 1, description: 'Mean rollup of the top objectives (those not aligned under another of the set)' })
  rollup!: number;

  @ApiProperty({ type: [String] })
  topObjectiveIds!: string[];

  @ApiProperty({ type: () => [TeamRollupRowDto], description: 'The team and its sub-teams' })
  teams!: TeamRollupRowDto[];

  @ApiProperty({ type: () => [ObjectiveSummaryDto] })
  objectives!: ObjectiveSummaryDto[];
}

export class RecordedCheckInDto implements CheckInView {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  value!: number;

  @ApiProperty({ minimum: 0, maximum: 1 })
  confidence!: number;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty({ type: String, format: 'date-time', description: 'When the value held (may be earlier than recordedAt: backdated)' })
  effectiveAt!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  recordedAt!: string;

  @ApiProperty({ type: () => ActorDto })
  actor!: ActorDto;
}

export class CheckInPageDto implements CheckInSeriesPage {
  @ApiProperty()
  keyResultId!: string;

  @ApiProperty({
    type: () => [RecordedCheckInDto],
    description: 'In effective-time order (ties: order of recording); the last is the current value',
  })
  items!: RecordedCheckInDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor!: string | null;
}
