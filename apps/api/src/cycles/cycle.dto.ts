import { NAME_MAX } from '@okr/domain';
import { ApiProperty } from '@nestjs/swagger';
import { BoundedString, IsIsoDate } from '../http/validators';

export class ScheduleCycleDto {
  @ApiProperty({ example: '2026 Q1', maxLength: NAME_MAX })
  @BoundedString(NAME_MAX, { min: 1 })
  name!: string;

  @ApiProperty({ example: '2026-01-01', description: 'First day of the cycle (YYYY-MM-DD)' })
  @IsIsoDate()
  startsOn!: string;

  @ApiProperty({ example: '2026-03-31', description: 'Last day of the cycle (YYYY-MM-DD), after startsOn' })
  @IsIsoDate()
  endsOn!: string;
}
