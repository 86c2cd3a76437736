/**
 * How numbers read in the API's answers: with at most 15 significant digits, all that a double holds faithfully
 * (DBL_DIG). Arithmetic noise lives beyond them — (0.1 + 0.7) / 2 computes as 0.39999999999999997 and is answered
 * 0.4 — and any number of 15 digits or fewer that a client sent comes back exactly as sent. Stored values, and
 * every computation on them, stay exact: this applies to what leaves the API only (decision 4).
 */
export const ANSWER_SIGNIFICANT_DIGITS = 15;

/** A number as the API answers it. */
export function readableNumber(value: number): number {
  return Number.isInteger(value) || !Number.isFinite(value) ? value : Number(value.toPrecision(ANSWER_SIGNIFICANT_DIGITS));
}

/** JSON.stringify replacer giving every number of an answer its readable form. */
export function readableNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' ? readableNumber(value) : value;
}

/** The JSON text of an answer, its numbers readable. */
export function answerJson(value: unknown): string {
  return JSON.stringify(value, readableNumbers);
}
