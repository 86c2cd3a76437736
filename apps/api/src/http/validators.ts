import { applyDecorators } from '@nestjs/common';
import { textLength } from '@okr/domain';
import { Transform } from 'class-transformer';
import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/**
 * Reusable class-validator decorators for request DTOs. Each accepts class-validator's ValidationOptions
 * (e.g. `{ each: true }` for arrays); with `each`, the validation pipe reports the failing elements by index
 * ('keyResultIds.2') thanks to the element rule carried in the error's context.
 */

/** Key under which a decorator leaves its element predicate in `ValidationError.contexts[constraint]`. */
export const ELEMENT_RULE = '__okrElementRule';

/** What the validation pipe finds in the context of a failed constraint. */
export interface ElementRule {
  test(value: unknown): boolean;
  /** A message for one element, given its dotted path. */
  message(path: string): string;
}

export const DEFAULT_NUMBER_LIMIT = 1e15;
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

function register(name: string, rule: ElementRule, validationOptions: ValidationOptions | undefined): PropertyDecorator {
  return (target: object, propertyKey: string | symbol) => {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyKey as string,
      options: {
        ...validationOptions,
        context: { ...(validationOptions?.context as object | undefined), [ELEMENT_RULE]: rule },
      },
      validator: {
        validate: (value: unknown) => rule.test(value),
        defaultMessage: (args?: ValidationArguments) =>
          validationOptions?.each ? `each value in ${rule.message(args?.property ?? 'value')}` : rule.message(args?.property ?? 'value'),
      },
    });
  };
}

export interface FiniteNumberOptions {
  /** Inclusive lower bound; default -1e15. */
  min?: number;
  /** Inclusive upper bound; default 1e15. */
  max?: number;
}

/**
 * A JSON number that is finite (not NaN, not ±Infinity — JSON.parse('1e400') is Infinity) and within
 * [min, max] (by default ±1e15, so that sums and ratios stay exact enough).
 */
export function IsFiniteNumber(options: FiniteNumberOptions = {}, validationOptions?: ValidationOptions): PropertyDecorator {
  const min = options.min ?? -DEFAULT_NUMBER_LIMIT;
  const max = options.max ?? DEFAULT_NUMBER_LIMIT;
  if (!(min <= max)) throw new Error(`IsFiniteNumber: min (${min}) must not exceed max (${max})`);
  return register(
    'isFiniteNumber',
    {
      test: (value) => typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max,
      message: (path) => `${path} must be a finite number between ${formatNumber(min)} and ${formatNumber(max)}`,
    },
    validationOptions,
  );
}

/** 1e15 rather than 1000000000000000 in messages. */
function formatNumber(value: number): string {
  return Math.abs(value) >= 1e9 ? value.toExponential().replace('e+', 'e') : String(value);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= daysInMonth;
}

/** True for 'YYYY-MM-DD' naming a day that exists (2026-02-30 does not). */
export function isIsoDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  return isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** A calendar date 'YYYY-MM-DD' that actually exists. */
export function IsIsoDate(validationOptions?: ValidationOptions): PropertyDecorator {
  return register(
    'isIsoDate',
    { test: isIsoDate, message: (path) => `${path} must be an existing calendar date formatted YYYY-MM-DD` },
    validationOptions,
  );
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** True for an ISO-8601 / RFC 3339 timestamp with a timezone ('Z' or ±hh:mm), e.g. 2026-03-01T09:30:00.000Z. */
export function isIsoDateTime(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE_TIME.exec(value);
  if (!match) return false;
  const [, year, month, day, hour, minute, second, , offsetHour, offsetMinute] = match;
  if (!isCalendarDate(Number(year), Number(month), Number(day))) return false;
  if (Number(hour) > 23 || Number(minute) > 59 || (second !== undefined && Number(second) > 59)) return false;
  if (offsetHour !== undefined && (Number(offsetHour) > 23 || Number(offsetMinute) > 59)) return false;
  return !Number.isNaN(Date.parse(value));
}

/** An ISO-8601 timestamp with a timezone. */
export function IsIsoDateTime(validationOptions?: ValidationOptions): PropertyDecorator {
  return register(
    'isIsoDateTime',
    {
      test: isIsoDateTime,
      message: (path) => `${path} must be an ISO-8601 timestamp with a timezone, e.g. 2026-03-01T09:30:00Z`,
    },
    validationOptions,
  );
}

/** True for an id: a string of 1 to 64 characters among A-Z, a-z, 0-9, '_' and '-'. */
export function isId(value: unknown): boolean {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

/** An id: 1 to 64 characters among A-Z, a-z, 0-9, '_' and '-'. */
export function IsId(validationOptions?: ValidationOptions): PropertyDecorator {
  return register(
    'isId',
    { test: isId, message: (path) => `${path} must be an id of 1 to 64 characters among A-Z, a-z, 0-9, _ and -` },
    validationOptions,
  );
}

export interface BoundedStringOptions {
  /** Minimum trimmed length; default 0 (pass 1 to reject empty and blank strings). */
  min?: number;
}

/**
 * A string whose trimmed length, counted as the domain counts it (textLength), is within [min, max]. The value is also trimmed
 * (class-transformer, applied by the validation pipe with transform: true) before validation.
 */
export function BoundedString(max: number, options: BoundedStringOptions = {}, validationOptions?: ValidationOptions): PropertyDecorator {
  const min = options.min ?? 0;
  if (!(Number.isInteger(min) && Number.isInteger(max) && min >= 0 && min <= max)) {
    throw new Error(`BoundedString: need integers 0 <= min (${min}) <= max (${max})`);
  }
  const trim = (value: unknown) => (typeof value === 'string' ? value.trim() : value);
  return applyDecorators(
    Transform(({ value }) => (Array.isArray(value) && validationOptions?.each ? value.map(trim) : trim(value))),
    register(
      'boundedString',
      {
        test: (value) => {
          if (typeof value !== 'string') return false;
          const length = textLength(value.trim());
          return length >= min && length <= max;
        },
        message: (path) =>
          min === 0
            ? `${path} must be a string of at most ${max} characters`
            : `${path} must be a string of ${min} to ${max} characters (not counting leading and trailing spaces)`,
      },
      validationOptions,
    ),
  );
}
