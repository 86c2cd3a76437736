/**
 * Errors raised by deciders. The API maps them to problem+json:
 * InvalidInputError → 400 (the input alone is wrong, e.g. endsOn before startsOn),
 * NotFoundError → 404, RuleViolationError → 409 (the input is fine but the current state forbids it).
 */
export abstract class DomainError extends Error {
  abstract readonly kind: 'invalid_input' | 'not_found' | 'rule_violation';
  constructor(
    /** Stable machine-readable code, e.g. 'cycle.closed' or 'key_result.removed'. */
    readonly code: string,
    message: string,
    /** The input field at fault, as a dotted path (e.g. 'metric.target'), when one is. */
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInputError extends DomainError {
  readonly kind = 'invalid_input' as const;
}

export class NotFoundError extends DomainError {
  readonly kind = 'not_found' as const;
}

export class RuleViolationError extends DomainError {
  readonly kind = 'rule_violation' as const;
}
