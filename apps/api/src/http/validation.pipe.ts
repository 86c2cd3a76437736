import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { InvalidRequestException, FieldError } from '@okr/platform';
import { ELEMENT_RULE, ElementRule } from './validators';

/** Field name used for errors about the body as a whole (not an object, unknown value). */
export const BODY_FIELD = 'body';

function joinPath(parent: string, property: string | undefined): string {
  if (property === undefined || property === '') return parent;
  return parent ? `${parent}.${property}` : property;
}

function elementRuleOf(error: ValidationError, constraint: string): ElementRule | undefined {
  const context = error.contexts?.[constraint] as Record<string, unknown> | undefined;
  const rule = context?.[ELEMENT_RULE] as ElementRule | undefined;
  return rule && typeof rule.test === 'function' ? rule : undefined;
}

/**
 * Flattens class-validator's tree of errors into one entry per field and message, with dotted paths:
 * 'metric.target' for nested objects, 'keyResults.2.title' for arrays of objects, and 'keyResultIds.2' for
 * arrays checked with one of our decorators and `{ each: true }`.
 */
export function flattenValidationErrors(errors: readonly ValidationError[], parentPath = ''): FieldError[] {
  const result: FieldError[] = [];
  for (const error of errors) {
    const path = joinPath(parentPath, error.property);
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      const rule = elementRuleOf(error, constraint);
      if (rule && Array.isArray(error.value)) {
        const failing = error.value.flatMap((element: unknown, index: number) => (rule.test(element) ? [] : [index]));
        if (failing.length > 0) {
          for (const index of failing) {
            const elementPath = `${path}.${index}`;
            result.push({ field: elementPath, message: rule.message(elementPath) });
          }
          continue;
        }
      }
      result.push({ field: path || BODY_FIELD, message });
    }
    if (error.children && error.children.length > 0) {
      result.push(...flattenValidationErrors(error.children, path));
    }
  }
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** ValidationPipe that also rejects a body that is not a JSON object (array, string, number, null, none). */
export class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && !metadata.data && metadata.metatype && this.toValidate(metadata) && !isPlainObject(value)) {
      const received = value === undefined ? 'no body' : value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
      throw new InvalidRequestException([{ field: BODY_FIELD, message: `The request body must be a JSON object, got ${received}` }]);
    }
    return super.transform(value, metadata);
  }
}

/**
 * The global pipe: strips nothing silently (unknown fields are rejected and named), transforms to DTO
 * instances, and throws InvalidRequestException with dotted field paths.
 */
export function createValidationPipe(): RequestValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: true },
    exceptionFactory: (errors: ValidationError[]) => new InvalidRequestException(flattenValidationErrors(errors)),
  });
}
