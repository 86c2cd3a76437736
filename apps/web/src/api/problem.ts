/** An application/problem+json answer of the API (RFC 9457), with the fields at fault for bad input. */
export interface Problem {
  status: number;
  title: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

/** A failed API call: its status and problem. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }

  get status(): number {
    return this.problem.status;
  }

  /** The message for one field, when the API named it. */
  fieldMessage(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field)?.message;
  }
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as Problem).title === 'string';
}

/**
 * The body of an openapi-fetch answer, or an ApiError for a failed one. `T` names the answer's type where the
 * OpenAPI document does not give one yet.
 */
export function answer<T>(result: { data?: unknown; error?: unknown; response: Response }): T {
  const { data, error, response } = result;
  if (response.ok) return data as T;
  throw new ApiError(
    isProblem(error)
      ? { ...error, status: error.status ?? response.status }
      : { status: response.status, title: response.statusText || `HTTP ${response.status}` },
  );
}

/** What to tell the user about an error of any kind. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.problem.detail ?? error.problem.title;
  if (error instanceof TypeError) return 'The server cannot be reached. Check your connection and try again.';
  return error instanceof Error ? error.message : String(error);
}
