import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHECK_IN_CADENCES, CheckInCadence, METRIC_TYPES, MetricType } from '@okr/domain';
import { CheckInItem, MyCheckIns } from '@okr/reads';
import { IsIn, IsOptional } from 'class-validator';
import { IsId } from '../http/validators';

const STANDINGS = ['overdue', 'due', 'up_to_date'] as const;

export class MyCheckInsQuery {
  @ApiPropertyOptional({ description: "The cycle; default: every open cycle of the caller's tenant" })
  @IsOptional()
  @IsId()
  cycleId?: string;
}

export class ChangeTenantDto {
  @ApiPropertyOptional({ enum: CHECK_IN_CADENCES, description: 'How often key results without a cadence of their own are checked in' })
  @IsOptional()
  @IsIn(CHECK_IN_CADENCES)
  checkInCadence?: CheckInCadence;
}

/** A key result as GET /me/check-ins and GET /cycles/:id/missed-check-ins list it. */
export class CheckInItemDto implements CheckInItem {
  @ApiProperty() keyResultId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() objectiveId!: string;
  @ApiProperty() objectiveTitle!: string;
  @ApiProperty() cycleId!: string;
  @ApiProperty({ type: String, nullable: true, description: "Who owes the check-in: the key result's owner, else its objective's" })
  ownerId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The objective's team" }) teamId!: string | null;
  @ApiProperty({ enum: CHECK_IN_CADENCES, description: "The key result's own cadence, else its tenant's" }) cadence!: CheckInCadence;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Effective time of the current check-in' })
  lastCheckInAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', description: 'When the next check-in falls due' }) dueAt!: string;
  @ApiProperty({ enum: STANDINGS, description: 'overdue: dueAt has passed; due: within 2 days; up_to_date otherwise' })
  status!: (typeof STANDINGS)[number];
  @ApiProperty({ enum: METRIC_TYPES }) metricType!: MetricType;
  @ApiProperty({ type: String, nullable: true }) unit!: string | null;
  @ApiProperty() start!: number;
  @ApiProperty() currentValue!: number;
  @ApiProperty() target!: number;
  @ApiProperty({ description: 'Clamped to [0, 1]' }) progress!: number;
  @ApiProperty({ type: Number, nullable: true }) confidence!: number | null;
}

export class MyCheckInsDto implements MyCheckIns {
  @ApiProperty({ type: [CheckInItemDto], description: 'The most overdue first' }) overdue!: CheckInItemDto[];
  @ApiProperty({ type: [CheckInItemDto], description: 'Due within 2 days, soonest first' }) due!: CheckInItemDto[];
  @ApiProperty({ type: [CheckInItemDto], description: 'Soonest due first' }) upToDate!: CheckInItemDto[];
}

export class MissedCheckInsDto {
  @ApiProperty({ type: [CheckInItemDto], description: 'Overdue check-ins of the cycle, the most overdue first' })
  items!: CheckInItemDto[];
}

export class TenantSettingsDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: CHECK_IN_CADENCES, description: 'The cadence of key results without one of their own' })
  checkInCadence!: CheckInCadence;
  @ApiProperty({ description: "The tenant stream's version" }) version!: number;
}

export class TenantChangedDto {
  @ApiProperty({ description: "The tenant stream's version" }) version!: number;
  @ApiProperty({ description: 'Global position of the last event written (for X-Min-Position)' }) position!: number;
}
