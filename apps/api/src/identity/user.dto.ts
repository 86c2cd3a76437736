import { NAME_MAX, UserRole } from '@okr/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional } from 'class-validator';
import { BoundedString, IsId } from '../http/validators';

const ROLES = ['admin', 'editor', 'viewer'] as const;

/** Each field given is changed (teamIds: the full new set of the user's teams); those left out stay. */
export class UpdateUserDto {
  @ApiPropertyOptional({ example: 'Ada King', maxLength: NAME_MAX })
  @IsOptional()
  @BoundedString(NAME_MAX, { min: 1 })
  name?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: UserRole;

  @ApiPropertyOptional({ type: [String], description: 'Every team the user belongs to (ids of your teams); [] for none' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsId({ each: true })
  teamIds?: string[];
}

export class SignInDto {
  @ApiProperty({ description: "A user's bearer token (okr_…)", example: 'okr_…' })
  @BoundedString(512, { min: 1 })
  token!: string;
}

/** The caller, as GET /api/me and POST /api/session answer. */
export class MeResponse {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: UserRole;
  @ApiProperty() tenantId!: string;
  @ApiProperty({ type: [String], description: 'The teams the caller belongs to' }) teamIds!: string[];
}

/** A user of the tenant as GET /api/users lists them (never a token or its hash). */
export class UserListItem {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: UserRole;
  @ApiProperty({ type: [String] }) teamIds!: string[];
  @ApiProperty({ description: 'false once the token was revoked (until an admin issues a new one)' }) hasToken!: boolean;
}

export class UserListResponse {
  @ApiProperty({ type: [UserListItem] }) items!: UserListItem[];
}

export class TeamListItem {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null: a top-level team' }) parentTeamId!: string | null;
}

export class TeamListResponse {
  @ApiProperty({ type: [TeamListItem] }) items!: TeamListItem[];
}

/** What a write of a user answers: the user stream's version (its ETag) and the global position of the last event. */
export class UserWriteResponse {
  @ApiProperty() version!: number;
  @ApiProperty() position!: number;
}

export class TokenIssuedResponse extends UserWriteResponse {
  @ApiProperty({ description: 'The new bearer token, shown this once (only its hash is stored)', example: 'okr_…' }) token!: string;
}
