import { ApiProperty } from '@nestjs/swagger';
import type { CreatedTenant } from './create-tenant.handler';
import type { CreatedUser } from './create-user.handler';

export class CreatedUserDto implements CreatedUser {
  @ApiProperty()
  id!: string;

  @ApiProperty({ description: "The user's API token, shown this once (only its hash is kept)" })
  token!: string;

  @ApiProperty({ type: 'integer' })
  version!: number;

  @ApiProperty({ type: 'integer', description: 'Position of the write in the event log' })
  position!: number;
}

export class CreatedTenantDto implements CreatedTenant {
  @ApiProperty()
  id!: string;

  @ApiProperty({ description: "The tenant's first admin" })
  adminId!: string;

  @ApiProperty({ description: "The admin's API token, shown this once (only its hash is kept)" })
  adminToken!: string;

  @ApiProperty({ type: 'integer', description: 'Position of the write in the event log' })
  position!: number;
}
