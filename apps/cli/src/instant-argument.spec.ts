import { UsageError } from './cli-errors';
import { parseInstant } from './instant-argument';

describe('parseInstant', () => {
  it('reads a date as 00:00 UTC that day and canonicalises timestamps with a timezone', () => {
    expect(parseInstant('at', '2026-02-15')).toBe('2026-02-15T00:00:00.000Z');
    expect(parseInstant('at', '2026-02-15T09:30:00Z')).toBe('2026-02-15T09:30:00.000Z');
    expect(parseInstant('at', '2026-02-15T09:30Z')).toBe('2026-02-15T09:30:00.000Z');
    expect(parseInstant('from', '2026-02-15T10:30:00.250+01:00')).toBe('2026-02-15T09:30:00.250Z');
  });

  it('refuses anything else, naming the option', () => {
    for (const bad of ['yesterday', '2026-02-30', '2026-02-15T09:30:00', '15/02/2026', '2026-2-5', '']) {
      expect(() => parseInstant('to', bad, 'diff')).toThrow(UsageError);
      expect(() => parseInstant('to', bad, 'diff')).toThrow(/^--to must be a date \(YYYY-MM-DD/);
    }
  });
});
