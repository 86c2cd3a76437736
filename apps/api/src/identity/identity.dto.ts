import { NAME_MAX } from '@okr/domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { BoundedString } from '../http/validators';

const ROLES = ['admin', 'editor', 'viewer'] as const;

export class CreateUserDto {
  @ApiProperty({ example: 'Ada Lovelace', maxLength: NAME_MAX })
  @BoundedString(NAME_MAX, { min: 1 })
  name!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: (typeof ROLES)[number];
}

export class CreateTenantDto {
  @ApiProperty({ example: 'Acme Corp', maxLength: NAME_MAX })
  @BoundedString(NAME_MAX, { min: 1 })
  name!: string;

  @ApiProperty({ example: 'Grace Hopper', maxLength: NAME_MAX })
  @BoundedString(NAME_MAX, { min: 1 })
  adminName!: string;
}
