import { ApiPropertyOptional } from '@nestjs/swagger';
import { HISTORY_EVENT_TYPES } from '@okr/history';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../queries/query.dto';
import { BoundedString, IsId, IsIsoDateTime } from '../http/validators';

/** `type=a&type=b` and `type=a,b` both give ['a', 'b']. */
function typeList({ value }: { value: unknown }): unknown {
  const values = Array.isArray(value) ? value : [value];
  return values.flatMap((v) =>
    typeof v === 'string'
      ? v
          .split(',')
          .map((t) => t.trim())
          .filter((t) => t !== '')
      : [v],
  );
}

/** Filters of the tenant-wide audit trail. */
export class AuditTrailQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only events recorded by this user' })
  @IsOptional()
  @IsId()
  actorId?: string;

  @ApiPropertyOptional({ description: 'Only events of this stream (one entity: `objective-<id>`, `keyresult-<id>`…, as entries name it)' })
  @IsOptional()
  @BoundedString(200, { min: 1 })
  streamId?: string;

  @ApiPropertyOptional({ description: 'Recorded at or after this instant (ISO-8601 with timezone)' })
  @IsOptional()
  @IsIsoDateTime()
  from?: string;

  @ApiPropertyOptional({ description: 'Recorded before this instant (exclusive)' })
  @IsOptional()
  @IsIsoDateTime()
  to?: string;

  @ApiPropertyOptional({
    description: 'Event types; repeat the parameter or separate with commas',
    type: [String],
    enum: HISTORY_EVENT_TYPES,
  })
  @IsOptional()
  @Transform(typeList)
  @ArrayMaxSize(HISTORY_EVENT_TYPES.length)
  @IsIn(HISTORY_EVENT_TYPES, { each: true, message: `type must be among ${HISTORY_EVENT_TYPES.join(', ')}` })
  type?: string[];
}
