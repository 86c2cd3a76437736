import { instantNotBefore, isCanonicalInstant } from './instant-order';

describe('instantNotBefore: the order of two ISO instants, as Date.parse gives it', () => {
  it('recognises what toISOString writes, and nothing else', () => {
    for (const ms of [0, 951_782_400_000, 1_782_000_000_123, 253_402_300_799_999, -62_167_219_200_000]) {
      expect(isCanonicalInstant(new Date(ms).toISOString())).toBe(true);
    }
    for (const text of [
      '2026-07-01T10:00:00Z', // no milliseconds
      '2026-07-01T10:00:00.000+00:00',
      '2026-07-01 10:00:00.000Z',
      '+012026-07-01T10:00:00.000Z',
      '2026-13-01T10:00:00.000Z',
      '2026-02-29T10:00:00.000Z', // not a leap year
      '2026-04-31T10:00:00.000Z',
      '2026-07-01T24:00:00.000Z',
      '2026-07-01T10:60:00.000Z',
      '2026-07-0aT10:00:00.000Z',
    ]) {
      expect(isCanonicalInstant(text)).toBe(false);
    }
    expect(isCanonicalInstant('2024-02-29T23:59:59.999Z')).toBe(true);
    expect(isCanonicalInstant('2000-02-29T00:00:00.000Z')).toBe(true);
    expect(isCanonicalInstant('1900-02-29T00:00:00.000Z')).toBe(false);
  });

  it('agrees with comparing Date.parse on canonical, other and mixed forms', () => {
    const instants = [
      '2026-07-01T10:00:00.000Z',
      '2026-07-01T10:00:00.001Z',
      '2026-06-30T23:59:59.999Z',
      '2026-07-01T10:00:00Z',
      '2026-07-01T12:00:00.000+02:00', // the same instant as the first
      '2026-07-01T09:59:59.999Z',
      '2027-01-01T00:00:00.000Z',
      '0999-12-31T23:59:59.999Z',
      'not a date',
    ];
    for (const a of instants) {
      for (const b of instants) {
        expect([a, b, instantNotBefore(a, b)]).toEqual([a, b, Date.parse(a) >= Date.parse(b)]);
      }
    }
  });
});
