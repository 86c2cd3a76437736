/**
 * How numbers read in the API's answers: with at most 15 significant digits, all that a double holds faithfully
 * (DBL_DIG). Arithmetic noise lives beyond them — (0.1 + 0.7) / 2 computes as 0.39999999999999997 and is answered
 * 0.4 — and any number of 15 digits or fewer that a client sent comes back exactly as sent. Stored values, and
 * every computation on them, stay exact: this applies to what leaves the API only (decision 4). Confidences (every
 * field named `confidence`: a check-in's, a key result's, an objective's mean) are answered with two decimals.
 */
export const ANSWER_SIGNIFICANT_DIGITS = 15;

/** A number as the API answers it. */
export function readableNumber(value: number): number {
  return Number.isInteger(value) || !Number.isFinite(value) ? value : Number(value.toPrecision(ANSWER_SIGNIFICANT_DIGITS));
}

/** Decimals of a confidence as the API answers it: a judgement between 0 and 1, read as a percentage at most. */
export const ANSWER_CONFIDENCE_DECIMALS = 2;

/** A confidence as the API answers it: 0.67 for an objective's mean confidence of 2/3, 0.4 for 0.39999999999999997. */
export function readableConfidence(value: number): number {
  if (!Number.isFinite(value)) return value;
  const scale = 10 ** ANSWER_CONFIDENCE_DECIMALS;
  // Scaled without its noise first: 0.285 × 100 computes as 28.499999999999996, and rounds to 0.29 as read.
  return Math.round(readableNumber(value * scale)) / scale;
}

/** JSON.stringify replacer giving every number of an answer its readable form (a `confidence` its two decimals). */
export function readableNumbers(key: string, value: unknown): unknown {
  if (typeof value !== 'number') return value;
  return key === 'confidence' ? readableConfidence(value) : readableNumber(value);
}

/** The JSON text of an answer, its numbers readable. */
export function answerJson(value: unknown): string {
  return JSON.stringify(value, readableNumbers);
}
