import { HttpException, HttpStatus } from '@nestjs/common';
import { FieldError, problem, ProblemTypes } from './problem-details';

/** 400 with field-level errors; the problem-details filter renders `errors` as they are. */
export class InvalidRequestException extends HttpException {
  readonly errors: FieldError[];

  constructor(errors: FieldError[], detail?: string) {
    const message = detail ?? summarise(errors);
    super(
      problem(HttpStatus.BAD_REQUEST, { type: ProblemTypes.validation, title: 'Invalid request', detail: message, errors }),
      HttpStatus.BAD_REQUEST,
    );
    this.errors = errors;
    this.message = message;
    this.name = 'InvalidRequestException';
  }
}

function summarise(errors: FieldError[]): string {
  if (errors.length === 0) return 'The request is invalid.';
  if (errors.length === 1) return `${errors[0].field || 'request'}: ${errors[0].message}`;
  return `${errors.length} errors, in: ${[...new Set(errors.map((e) => e.field || 'request'))].join(', ')}`;
}
