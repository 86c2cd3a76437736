import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { BrokenLink, BrokenLinkReason } from '@okr/event-store';
import type { AuditVerifyAnswer } from '@okr/reads';
import { HistoryEntryDto } from '../history/history.responses';
import { valuesOf } from '../http/openapi/schema-enums';
import type { AuditPage } from './audit-trail.service';

export class AuditPageDto implements AuditPage {
  @ApiProperty({ type: () => [HistoryEntryDto], description: 'Oldest first' })
  items!: HistoryEntryDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` to go on; set whenever the log was not read to its end, even after a short or empty page',
  })
  nextCursor!: string | null;

  @ApiProperty({ type: 'integer', description: 'Position of the last event this request read' })
  scannedUpTo!: number;
}

const REASONS = valuesOf<BrokenLinkReason>({
  hash_mismatch: true,
  previous_hash_mismatch: true,
  missing_event: true,
  unexpected_revision: true,
  hash_missing: true,
});
const STRING_OR_NUMBER = { oneOf: [{ type: 'string' }, { type: 'number' }] };

export class BrokenLinkDto implements BrokenLink {
  @ApiProperty()
  streamId!: string;

  @ApiProperty({ type: 'integer', description: 'The revision at fault (missing_event: the first missing one)' })
  revision!: number;

  @ApiProperty({ type: 'integer', description: 'Position of the event where it was found' })
  position!: number;

  @ApiProperty({ enum: REASONS })
  reason!: BrokenLinkReason;

  @ApiPropertyOptional(STRING_OR_NUMBER)
  expected?: string | number;

  @ApiPropertyOptional(STRING_OR_NUMBER)
  found?: string | number;
}

export class AuditVerifyDto implements AuditVerifyAnswer {
  @ApiProperty({ description: 'true when every chain holds' })
  ok!: boolean;

  @ApiProperty({ description: 'How long the verification took' })
  seconds!: number;

  @ApiProperty({ type: 'integer', description: "The tenant's streams verified" })
  streamsChecked!: number;

  @ApiProperty({ type: 'integer' })
  eventsChecked!: number;

  @ApiProperty({ type: 'integer', description: 'Events without a stored hash (written before the chain existed)' })
  unchainedEvents!: number;

  @ApiProperty({ type: 'integer', description: 'Every broken link found (one per event at most)' })
  brokenLinks!: number;

  @ApiProperty({ type: () => BrokenLinkDto, nullable: true, description: 'The first broken link in log order, or null' })
  firstBroken!: BrokenLinkDto | null;

  @ApiProperty({ type: 'integer', description: 'Events up to this position were verified' })
  headPosition!: number;
}
