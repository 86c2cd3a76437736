import { UsageError } from './cli-errors';

/** A field the API (or the embedded services) found at fault, as problem+json lists it. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * The CLI's wording of a 400 with field errors: each field renamed to the option that gave it
 * (`asOf` → `--at`), so that both modes print the same message and it names what the user typed.
 */
export function usageErrorFromFields(
  errors: readonly FieldProblem[],
  optionOf: Readonly<Record<string, string>>,
  command?: string,
): UsageError {
  const lines = errors.map(({ field, message }) => {
    const option = optionOf[field];
    if (!option) return field ? `${field}: ${message}` : message;
    return message.startsWith(`${field} `) ? `--${option} ${message.slice(field.length + 1)}` : `--${option}: ${message}`;
  });
  return new UsageError(lines.join('\n') || 'The request was refused as invalid', command);
}
