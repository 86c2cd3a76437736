import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsIsoDateTime } from '../http/validators';

/** `?asOf=T`: answer with the state as the system knew it at T (recorded time). */
export class AsOfQuery {
  @ApiPropertyOptional({
    description:
      'An instant (ISO-8601 with a timezone): the answer is the state as recorded up to then, replayed from the events, with statuses computed for that instant',
    example: '2026-02-15T12:00:00Z',
  })
  @IsOptional()
  @IsIsoDateTime()
  asOf?: string;
}
