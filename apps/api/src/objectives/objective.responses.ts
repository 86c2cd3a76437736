import { ApiProperty } from '@nestjs/swagger';
import { CreateResultDto, WriteResultDto } from '../http/openapi/common.dto';

export class CloseObjectiveResultDto extends WriteResultDto {
  @ApiProperty({ minimum: 0, maximum: 1, description: 'The score it was closed with' })
  score!: number;
}

/** `id`: the new objective, in the target cycle. */
export class CarryOverResultDto extends CreateResultDto {
  @ApiProperty({ type: [String], description: 'Its key results: copies of the unfinished ones' })
  keyResultIds!: string[];
}
