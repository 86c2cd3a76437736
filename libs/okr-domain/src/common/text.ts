import { InvalidInputError } from './errors';

/** The length of a text as every rule counts it: in Unicode code points, so an emoji is one character. */
export function textLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

/** Trims a required text field and checks its length. */
export function requiredText(value: string, field: string, max: number): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text.length === 0) throw new InvalidInputError('text.empty', `${field} must not be empty`, field);
  if (textLength(text) > max) throw new InvalidInputError('text.too_long', `${field} must be at most ${max} characters`, field);
  return text;
}

/** Trims an optional text field; empty becomes null. */
export function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  if (value === undefined || value === null) return null;
  const text = value.trim();
  if (textLength(text) > max) throw new InvalidInputError('text.too_long', `${field} must be at most ${max} characters`, field);
  return text.length === 0 ? null : text;
}

export const TITLE_MAX = 200;
export const NAME_MAX = 120;
export const DESCRIPTION_MAX = 4000;
export const NOTE_MAX = 2000;
export const REASON_MAX = 1000;
