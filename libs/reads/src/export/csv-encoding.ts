/**
 * CSV as RFC 4180 has it: records end with CRLF, fields are separated by commas, and a field holding a comma,
 * a double quote, a CR or a LF is enclosed in double quotes, its double quotes doubled. Other fields are
 * written as they are (no quotes), so plain ids and numbers stay readable.
 */
export type CsvValue = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;

/** One field: null and undefined are empty; numbers and booleans as JavaScript writes them. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF included. */
export function csvRecord(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
