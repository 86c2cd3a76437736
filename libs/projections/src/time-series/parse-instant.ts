/** Digit at `i` of the text, or -1 when it is not an ASCII digit. */
function digit(text: string, i: number): number {
  const code = text.charCodeAt(i) - 48;
  return code >= 0 && code <= 9 ? code : -1;
}

function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = digit(text, i);
    if (d < 0) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * `Date.parse(text)`, faster for the instants `Date.prototype.toISOString` writes (`YYYY-MM-DDTHH:mm:ss.sssZ`,
 * which every recorded and effective time of the log is): those are computed with `Date.UTC` from their digits;
 * any other text, and any field outside the ranges where both agree, goes to `Date.parse` itself. The folds parse
 * about a million of them.
 */
export function parseInstant(text: string): number {
  if (
    typeof text !== 'string' || // as Date.parse reads null, undefined or a number (an event not written by this code)
    text.length !== 24 ||
    text.charCodeAt(4) !== 45 || // -
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 || // T
    text.charCodeAt(13) !== 58 || // :
    text.charCodeAt(16) !== 58 ||
    text.charCodeAt(19) !== 46 || // .
    text.charCodeAt(23) !== 90 // Z
  ) {
    return Date.parse(text);
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  const ms = digits(text, 20, 3);
  // Years below 1000 (Date.UTC reads 0–99 as 1900–1999), day 29 and later (month lengths), hour 24: Date.parse decides.
  if (
    year < 1000 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 28 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59 ||
    ms < 0
  ) {
    return Date.parse(text);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}
