import { ApiProperty } from '@nestjs/swagger';
import { ID_PATTERN, IsId } from './validators';

/** Route parameter `:id`, validated like every id (unknown ids answer 404, malformed ones 400). */
export class IdParam {
  @ApiProperty({ pattern: ID_PATTERN.source })
  @IsId()
  id!: string;
}
