import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import type { FieldChange, HistoryEntry, HistoryValue } from '@okr/history';
import { ActorDto } from '../http/openapi/common.dto';
import type { TimelinePage } from './history-timeline.service';

/** A field's value in history: a scalar, a list of ids, or null. */
const HISTORY_VALUE = {
  nullable: true,
  oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: { type: 'string' } }],
};

export class FieldChangeDto implements FieldChange {
  @ApiProperty({ ...HISTORY_VALUE, description: 'The value before the event (null for a creation)' })
  from!: HistoryValue;

  @ApiProperty({ ...HISTORY_VALUE, description: 'The value after it' })
  to!: HistoryValue;
}

@ApiExtraModels(FieldChangeDto)
export class HistoryEntryDto implements HistoryEntry {
  @ApiProperty({ type: 'integer', description: 'Position of the event in the log' })
  position!: number;

  @ApiProperty({ type: String, format: 'date-time' })
  recordedAt!: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: 'Check-ins: when the value held (may be earlier than recordedAt)',
  })
  effectiveAt?: string;

  @ApiProperty({ type: () => ActorDto })
  actor!: ActorDto;

  @ApiProperty({ description: 'The event type', example: 'KeyResultTargetChanged' })
  type!: string;

  @ApiProperty({ example: 'key-result-b3f7c1de' })
  streamId!: string;

  @ApiProperty({ example: "Target of 'Reduce churn' changed from 3 % to 2.5 % by Ada Lovelace: board asked for more" })
  summary!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(FieldChangeDto) },
    description: 'Each field the event changed, by name, with its value before and after (creations: from null)',
  })
  changes!: Record<string, FieldChangeDto>;

  @ApiPropertyOptional({ description: "The why given with the change: a new target's reason, a check-in's note" })
  reason?: string;
}

class TimelinePageDto implements Omit<TimelinePage, 'items'> {
  @ApiProperty({ enum: ['asc', 'desc'], description: 'desc: newest first; asc: oldest first' })
  order!: 'asc' | 'desc';

  @ApiProperty({ type: () => [HistoryEntryDto] })
  items!: HistoryEntryDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor!: string | null;
}

export class ObjectiveHistoryDto extends TimelinePageDto {
  @ApiProperty()
  objectiveId!: string;
}

export class KeyResultHistoryDto extends TimelinePageDto {
  @ApiProperty()
  keyResultId!: string;
}
