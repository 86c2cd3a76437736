import { ApiProperty } from '@nestjs/swagger';
import type { CycleDocument } from '@okr/projections';
import { WriteResultDto } from '../http/openapi/common.dto';
import { enumProperty, SchemaEnums } from '../http/openapi/schema-enums';
import type { OkrReader } from '../views/okr-reader';
import type { CloseCycleResult } from './close-cycle.handler';

type CycleView = Awaited<ReturnType<OkrReader['cycle']>>['view'];
/** GET /api/cycles/:id: the cycle as its stream holds it, with its objectives. */
export class CycleDto implements CycleView {
  @ApiProperty()
  id!: string;

  @ApiProperty({ example: '2026 Q1' })
  name!: string;

  @ApiProperty({ type: String, format: 'date', example: '2026-01-01' })
  startsOn!: string;

  @ApiProperty({ type: String, format: 'date', example: '2026-03-31' })
  endsOn!: string;

  @ApiProperty(enumProperty(SchemaEnums.cycleStatus))
  status!: CycleDocument['status'];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closedAt!: string | null;

  @ApiProperty({ type: [String], description: 'Its objectives, archived ones included' })
  objectiveIds!: string[];

  @ApiProperty({ type: 'integer', description: 'Its version (the ETag)' })
  version!: number;
}

export class CloseCycleResultDto extends WriteResultDto implements CloseCycleResult {
  @ApiProperty({ type: [String], description: 'The open objectives this closing closed and scored' })
  closedObjectiveIds!: string[];
}
