import { parseInstant } from './parse-instant';
import { random } from './testing/quarter-history';

describe('parseInstant', () => {
  it('gives what Date.parse gives for the instants toISOString writes, across years 0 to 9999', () => {
    const next = random(17);
    const from = Date.parse('0000-01-01T00:00:00.000Z');
    const to = Date.parse('9999-12-31T23:59:59.999Z');
    for (let i = 0; i < 20_000; i++) {
      const text = new Date(Math.floor(from + next() * (to - from))).toISOString();
      expect([text, parseInstant(text)]).toEqual([text, Date.parse(text)]);
    }
    for (const text of [
      '2026-01-01T00:00:00.000Z',
      '2026-12-31T23:59:59.999Z',
      '2024-02-29T12:00:00.000Z',
      '1000-01-01T00:00:00.000Z',
      '0999-12-31T23:59:59.999Z',
      '0050-06-15T00:00:00.000Z',
    ]) {
      expect([text, parseInstant(text)]).toEqual([text, Date.parse(text)]);
    }
  });

  it('gives what Date.parse gives for anything else: other formats, out-of-range fields, not a date', () => {
    const texts = [
      '2026-02-30T00:00:00.000Z',
      '2025-02-29T00:00:00.000Z',
      '2026-04-31T10:00:00.000Z',
      '2026-13-01T00:00:00.000Z',
      '2026-00-10T00:00:00.000Z',
      '2026-01-00T00:00:00.000Z',
      '2026-01-01T24:00:00.000Z',
      '2026-01-01T23:60:00.000Z',
      '2026-01-01T23:59:60.000Z',
      '2026-01-01t00:00:00.000Z',
      '2026-01-01T00:00:00.000z',
      '2026-01-01T00:00:00.000+01:00',
      '2026-01-01T00:00:00Z',
      '2026-01-01',
      '2026-1-01T00:00:00.0000Z',
      '2026-01-01T00:00:0x.000Z',
      '+02026-01-01T00:00:00.000Z',
      '-000001-01-01T00:00:00.000Z',
      '2026/01/01T00:00:00.000Z',
      '２026-01-01T00:00:00.000Z',
      'Thu, 01 Jan 2026 00:00:00 GMT',
      '',
      'not a date at all, but 24c',
    ];
    for (const text of texts) expect([text, parseInstant(text)]).toEqual([text, Date.parse(text)]);
    // Not a string at all (a malformed event's field): read as Date.parse reads it.
    for (const value of [null, undefined, 0, 1767225600000, true])
      expect([value, parseInstant(value as unknown as string)]).toEqual([value, Date.parse(value as unknown as string)]);
  });
});
