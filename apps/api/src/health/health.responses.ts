import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ProjectorMode } from '@okr/platform';
import { valuesOf } from '../http/openapi/schema-enums';
import type { DependencyHealth, HealthReport, HealthStatus } from './health.service';

export class DependencyHealthDto implements DependencyHealth {
  @ApiProperty({ example: 'sqlite' })
  kind!: string;

  @ApiProperty({ enum: ['up', 'down'] })
  status!: 'up' | 'down';

  @ApiProperty({ description: 'How long it took to answer (or to time out)' })
  latencyMs!: number;

  @ApiPropertyOptional({ description: 'Why it is down (credentials never shown)' })
  error?: string;
}

export class EventStoreHealthDto extends DependencyHealthDto {
  @ApiPropertyOptional({ type: 'integer', description: 'Position of the last event (when up)' })
  headPosition?: number;
}

export class HealthDependenciesDto {
  @ApiProperty({ type: () => EventStoreHealthDto })
  eventStore!: EventStoreHealthDto;

  @ApiProperty({ type: () => DependencyHealthDto })
  readModels!: DependencyHealthDto;
}

export class ProjectionsHealthDto {
  @ApiProperty({
    enum: valuesOf<ProjectorMode>({ embedded: true, external: true }),
    description: 'embedded: this process runs them; external: a projector process does',
  })
  mode!: ProjectorMode;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Up to where the read models are complete (null when the read store is down)',
  })
  position!: number | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Events in the log not yet in the read models' })
  lag!: number | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'The stored checkpoint of the okr projection' })
  checkpoint!: number | null;

  @ApiPropertyOptional({ description: 'Embedded: whether the runner follows the log' })
  running?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Embedded: the last batch error (null when it succeeded)' })
  lastError?: string | null;
}

export class HealthReportDto implements HealthReport {
  @ApiProperty({
    enum: valuesOf<HealthStatus>({ ok: true, degraded: true, down: true }),
    description: 'ok: all answer; degraded: some do not; down: none does',
  })
  status!: HealthStatus;

  @ApiProperty({ type: () => HealthDependenciesDto })
  dependencies!: HealthDependenciesDto;

  @ApiProperty({ type: () => ProjectionsHealthDto })
  projections!: ProjectionsHealthDto;
}

export class LivenessDto {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';
}
