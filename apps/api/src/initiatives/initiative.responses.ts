import { ApiProperty } from '@nestjs/swagger';
import type { InitiativeStatus } from '@okr/domain';
import { enumProperty, SchemaEnums } from '../http/openapi/schema-enums';
import type { OkrReader } from '../views/okr-reader';

type InitiativeView = Awaited<ReturnType<OkrReader['initiative']>>['view'];
/** GET /api/initiatives/:id: the initiative as its stream holds it. */
export class InitiativeDto implements InitiativeView {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ type: String, nullable: true })
  ownerId!: string | null;

  @ApiProperty(enumProperty(SchemaEnums.initiativeStatus))
  status!: InitiativeStatus;

  @ApiProperty({ type: [String], description: 'Key results this output is meant to move' })
  keyResultIds!: string[];

  @ApiProperty({ type: 'integer', description: 'Its version (the ETag; what If-Match takes)' })
  version!: number;
}
