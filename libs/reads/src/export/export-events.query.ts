import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export const EXPORT_FORMATS = ['jsonl', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Query of GET /cycles/:id/events. */
export class ExportEventsQuery {
  @ApiPropertyOptional({
    enum: EXPORT_FORMATS,
    default: 'jsonl',
    description: 'JSON Lines (one event per line) or CSV (RFC 4180, data as a JSON column)',
  })
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: 'format must be jsonl or csv' })
  format?: ExportFormat;
}
