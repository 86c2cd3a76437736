import { ApiProperty } from '@nestjs/swagger';
import { IsIsoDateTime } from '../http/validators';

/** `?from=T1&to=T2`: two instants (ISO-8601 with a timezone), from before to, neither in the future. */
export class CycleDiffQuery {
  @ApiProperty({ example: '2026-02-01T00:00:00Z' })
  @IsIsoDateTime()
  from!: string;

  @ApiProperty({ example: '2026-03-01T00:00:00Z' })
  @IsIsoDateTime()
  to!: string;
}
