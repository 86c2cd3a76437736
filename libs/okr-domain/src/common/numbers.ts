import { InvalidInputError } from './errors';

/** The largest magnitude accepted for a measured value (beyond it, doubles lose integer precision). */
export const VALUE_LIMIT = 1e15;
export const WEIGHT_MAX = 1000;

export function finiteValue(value: number, field: string, code = 'value.not_finite'): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > VALUE_LIMIT) {
    throw new InvalidInputError(code, `${field} must be a finite number within ±1e15`, field);
  }
  return value;
}

/** A number in [0, 1]: confidence, score, grade. */
export function unitInterval(value: number, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new InvalidInputError('value.out_of_range', `${field} must be a number between 0 and 1`, field);
  }
  return value;
}

/** A weight: greater than 0, at most 1000. */
export function positiveWeight(value: number, field = 'weight', code = 'weight.out_of_range'): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > WEIGHT_MAX) {
    throw new InvalidInputError(code, `${field} must be a number greater than 0 and at most ${WEIGHT_MAX}`, field);
  }
  return value;
}
