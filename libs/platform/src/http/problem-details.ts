import { STATUS_CODES } from 'node:http';

/** Media type of every error response (RFC 9457). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** One input field at fault: a dotted path ('metric.target', 'keyResultIds.2') and what is wrong with it. */
export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details, with the extension members this API uses (errors, code). */
export interface ProblemDetails {
  /** A URI reference identifying the problem type; 'about:blank' when the HTTP status says it all. */
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** The request URL the problem occurred on. */
  instance?: string;
  /** Field-level validation errors (400). */
  errors?: FieldError[];
  /** Stable machine-readable code, e.g. 'cycle.closed'. */
  code?: string;
  [extension: string]: unknown;
}

/** Problem type URIs used by this API. 'about:blank' means "see the HTTP status". */
export const ProblemTypes = {
  blank: 'about:blank',
  validation: 'urn:okr:problem:validation-error',
  malformedBody: 'urn:okr:problem:malformed-body',
  invalidInput: 'urn:okr:problem:invalid-input',
  notFound: 'urn:okr:problem:not-found',
  ruleViolation: 'urn:okr:problem:rule-violation',
  concurrentModification: 'urn:okr:problem:concurrent-modification',
  duplicateEvent: 'urn:okr:problem:duplicate-event',
  idempotencyKeyReused: 'urn:okr:problem:idempotency-key-reused',
  internal: 'urn:okr:problem:internal-error',
} as const;

/** The HTTP reason phrase of a status (RFC 9110 wording), e.g. 404 → 'Not Found'. */
export function statusTitle(status: number): string {
  if (status === 413) return 'Content Too Large';
  if (status === 422) return 'Unprocessable Content';
  return STATUS_CODES[status] ?? (status >= 500 ? 'Internal Server Error' : 'Error');
}

/** Members of a problem other than status; all optional. */
export interface ProblemInit {
  type?: string;
  title?: string;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  code?: string;
  [extension: string]: unknown;
}

/** Builds a problem; title defaults to the reason phrase of the status and type to 'about:blank'. Undefined members are left out. */
export function problem(status: number, init: ProblemInit = {}): ProblemDetails {
  const { type, title, ...rest } = init;
  const result: ProblemDetails = { type: type ?? ProblemTypes.blank, title: title ?? statusTitle(status), status };
  for (const [key, value] of Object.entries(rest)) {
    if (value !== undefined) result[key] = value;
  }
  return result;
}

/** True for an object that looks like a problem (has a numeric status and a string title). */
export function isProblemDetails(value: unknown): value is ProblemDetails {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.status === 'number' && typeof candidate.title === 'string';
}
