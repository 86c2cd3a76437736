import { ApiProperty } from '@nestjs/swagger';
import { IsId } from './validators';

/** Route parameter `:id`, validated like every id (unknown ids answer 404, malformed ones 400). */
export class IdParam {
  @ApiProperty()
  @IsId()
  id!: string;
}
