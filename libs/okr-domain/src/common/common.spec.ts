import { categoryOf, streamName, StreamCategory } from '../streams';
import { DomainError, InvalidInputError, NotFoundError, RuleViolationError } from './errors';
import { optionalText, requiredText, textLength } from './text';
import { compareInstants, endOfDay, instantMillis, isCalendarDate, isCanonicalInstant, isInstant, startOfDay, toMillis } from './time';

describe('errors', () => {
  it('carry kind, code, field, message and the class name', () => {
    const error = new InvalidInputError('cycle.invalid_date', 'bad date', 'startsOn');
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      kind: 'invalid_input',
      code: 'cycle.invalid_date',
      field: 'startsOn',
      message: 'bad date',
      name: 'InvalidInputError',
    });
    expect(new NotFoundError('x.not_found', 'missing')).toMatchObject({ kind: 'not_found', field: undefined, name: 'NotFoundError' });
    expect(new RuleViolationError('x.closed', 'closed')).toMatchObject({ kind: 'rule_violation', name: 'RuleViolationError' });
  });
});

describe('time', () => {
  it('parses instants to milliseconds', () => {
    expect(toMillis('2026-01-01T00:00:00.000Z')).toBe(Date.UTC(2026, 0, 1));
    expect(toMillis('2026-01-01T02:00:00+02:00')).toBe(Date.UTC(2026, 0, 1));
  });

  it('refuses an invalid instant, naming the field', () => {
    expect(() => toMillis('soon', 'effectiveAt')).toThrow(InvalidInputError);
    expect(() => toMillis('soon', 'effectiveAt')).toThrow(expect.objectContaining({ code: 'time.invalid', field: 'effectiveAt' }));
    expect(() => toMillis('soon')).toThrow(expect.objectContaining({ code: 'time.invalid', field: 'instant' }));
  });

  it('bounds a calendar date in UTC, end exclusive', () => {
    expect(startOfDay('2026-03-31')).toBe(Date.UTC(2026, 2, 31));
    expect(endOfDay('2026-03-31')).toBe(Date.UTC(2026, 3, 1));
  });

  it.each(['2026-01-01', '2028-02-29', '2026-12-31'])('accepts the calendar date %s', (date) => {
    expect(isCalendarDate(date)).toBe(true);
  });

  it.each(['2026-02-30', '2026-02-29', '2026-13-01', '2026-1-1', '2026-01-01T00:00:00Z', ' 2026-01-01', 'abcd-ef-gh'])(
    'refuses the calendar date %j',
    (date) => {
      expect(isCalendarDate(date)).toBe(false);
    },
  );
});

describe('text', () => {
  it('trims required text and checks its length', () => {
    expect(requiredText('  hi  ', 'title', 5)).toBe('hi');
    expect(requiredText('12345', 'title', 5)).toBe('12345');
    expect(() => requiredText('123456', 'title', 5)).toThrow(expect.objectContaining({ code: 'text.too_long', field: 'title' }));
    expect(() => requiredText('   ', 'title', 5)).toThrow(expect.objectContaining({ code: 'text.empty', field: 'title' }));
    expect(() => requiredText(undefined as unknown as string, 'title', 5)).toThrow(
      expect.objectContaining({ code: 'text.empty', field: 'title' }),
    );
  });

  it('trims optional text, blank and missing becoming null', () => {
    expect(optionalText(' note ', 'note', 10)).toBe('note');
    expect(optionalText('   ', 'note', 10)).toBeNull();
    expect(optionalText(null, 'note', 10)).toBeNull();
    expect(optionalText(undefined, 'note', 10)).toBeNull();
    expect(() => optionalText('x'.repeat(11), 'note', 10)).toThrow(expect.objectContaining({ code: 'text.too_long', field: 'note' }));
  });

  it('counts characters as code points: an emoji (two UTF-16 units) is one character', () => {
    expect(textLength('🎯'.repeat(101))).toBe(101);
    expect(requiredText('🎯'.repeat(200), 'title', 200)).toBe('🎯'.repeat(200));
    expect(optionalText(` ${'🎯'.repeat(10)} `, 'note', 10)).toBe('🎯'.repeat(10));
    expect(() => requiredText('🎯'.repeat(201), 'title', 200)).toThrow(expect.objectContaining({ code: 'text.too_long', field: 'title' }));
    expect(() => optionalText('🎯'.repeat(11), 'note', 10)).toThrow(expect.objectContaining({ code: 'text.too_long', field: 'note' }));
  });
});

describe('streams', () => {
  it('names a stream <category>-<id> and finds the category back', () => {
    expect(streamName(StreamCategory.keyResult, 'abc-123')).toBe('keyresult-abc-123');
    expect(categoryOf('keyresult-abc-123')).toBe('keyresult');
    expect(categoryOf('cycle')).toBe('cycle');
  });
});

describe('instants: canonical ones compared without parsing, in the order Date.parse gives', () => {
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
      expect([a, isInstant(a)]).toEqual([a, !Number.isNaN(Date.parse(a))]);
      for (const b of instants) {
        const order = compareInstants(a, b);
        const parsed = Date.parse(a) - Date.parse(b);
        expect([a, b, Math.sign(order), order >= 0]).toEqual([a, b, Math.sign(parsed), parsed >= 0]);
      }
    }
  });

  it('reads instants as Date.parse does: canonical ones across years 0 to 9999, and every other text', () => {
    const from = Date.parse('0000-01-01T00:00:00.000Z');
    const to = Date.parse('9999-12-31T23:59:59.999Z');
    const step = Math.floor((to - from) / 20_011); // about 20,000 instants, every field moving
    const texts: string[] = [];
    for (let ms = from; ms <= to; ms += step) texts.push(new Date(ms).toISOString());
    texts.push(
      '2024-02-29T12:00:00.000Z',
      '0099-12-31T23:59:59.999Z', // Date.UTC would read year 99 as 1999
      '0100-01-01T00:00:00.000Z',
      '2026-02-30T00:00:00.000Z',
      '2026-01-01T24:00:00.000Z',
      '2026-01-01T00:00:00.000+01:00',
      '2026-01-01T00:00:00Z',
      '2026-01-01',
      '2026-01-01T00:00:0x.000Z',
      '+02026-01-01T00:00:00.000Z',
      'Thu, 01 Jan 2026 00:00:00 GMT',
      '',
      'not a date at all, but 24c',
    );
    for (const text of texts) expect([text, instantMillis(text)]).toEqual([text, Date.parse(text)]);
  });
});
