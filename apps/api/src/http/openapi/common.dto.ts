import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import type { FieldError } from '@okr/platform';
import type { CreateResult, WriteResult } from '../../application/command-context';

/** Schemas every feature's answers share: errors, what a write answers, who did something. */

@ApiSchema({ name: 'FieldError' })
export class FieldErrorDto implements FieldError {
  @ApiProperty({
    description: "Dotted path of the field at fault ('metric.target', 'keyResultIds.2'), or a header name",
    example: 'endsOn',
  })
  field!: string;

  @ApiProperty({ example: 'endsOn must be after startsOn' })
  message!: string;
}

/** Every error answer (application/problem+json, RFC 9457). */
@ApiSchema({ name: 'ProblemDetails', description: 'RFC 9457 problem details: every error answer, as application/problem+json' })
export class ProblemDetailsDto {
  @ApiProperty({
    description: "A URI reference naming the problem type; 'about:blank' when the status says it all",
    example: 'urn:okr:problem:validation-error',
  })
  type!: string;

  @ApiProperty({ example: 'Invalid request' })
  title!: string;

  @ApiProperty({ type: 'integer', example: 400 })
  status!: number;

  @ApiPropertyOptional({ example: 'endsOn: endsOn must be after startsOn' })
  detail?: string;

  @ApiPropertyOptional({ description: 'The request path', example: '/api/cycles' })
  instance?: string;

  @ApiPropertyOptional({ type: () => [FieldErrorDto], description: 'The fields at fault, each with its message' })
  errors?: FieldErrorDto[];

  @ApiPropertyOptional({ description: "Stable machine-readable code of a rule, e.g. 'cycle.closed'", example: 'cycle.closed' })
  code?: string;
}

/** What a write answers. */
export class WriteResultDto implements WriteResult {
  @ApiProperty({ type: 'integer', description: "The resource's version after the write (its ETag; what If-Match takes)", example: 3 })
  version!: number;

  @ApiProperty({
    type: 'integer',
    description: 'Position of the write in the event log; reads by the same caller wait for it, and X-Min-Position takes it',
    example: 1234,
  })
  position!: number;
}

/** What a creation answers. */
export class CreateResultDto extends WriteResultDto implements CreateResult {
  @ApiProperty({ description: 'The id of what was created', example: 'b3f7c1de-4f7a-4c39-9d1e-2a6a0c1f9e10' })
  id!: string;
}

/** Who recorded an event. */
export class ActorDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({ description: "The user's name (their id when the user is unknown)" })
  name!: string;
}
