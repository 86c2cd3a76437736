import { plainToInstance } from 'class-transformer';
import { IsOptional, validateSync, ValidationError } from 'class-validator';
import { TITLE_MAX, requiredText } from '@okr/domain';
import { BoundedString, ELEMENT_RULE, IsFiniteNumber, IsId, IsIsoDate, IsIsoDateTime, isIsoDate, isIsoDateTime, isId } from './validators';

function errorsFor<T extends object>(cls: new () => T, plain: Record<string, unknown>): ValidationError[] {
  return validateSync(plainToInstance(cls, plain), { forbidUnknownValues: true });
}
const accepts = <T extends object>(cls: new () => T, value: unknown) => errorsFor(cls, { v: value }).length === 0;

describe('IsFiniteNumber', () => {
  class Default {
    @IsFiniteNumber()
    v!: number;
  }
  class Bounded {
    @IsFiniteNumber({ min: 0, max: 1 })
    v!: number;
  }

  it('accepts finite numbers within ±1e15 by default', () => {
    for (const value of [0, -0, 1.5, -42, 1e15, -1e15, Number.MIN_VALUE]) expect(accepts(Default, value)).toBe(true);
  });

  it('rejects NaN, ±Infinity (JSON.parse("1e400") is Infinity), numbers beyond ±1e15 and non-numbers', () => {
    expect(JSON.parse('1e400')).toBe(Infinity);
    for (const value of [
      NaN,
      Infinity,
      -Infinity,
      JSON.parse('1e400'),
      JSON.parse('-1e400'),
      1e15 + 2,
      -1e16,
      Number.MAX_VALUE,
      '5',
      null,
      true,
      [1],
      {},
    ]) {
      expect(accepts(Default, value)).toBe(false);
    }
  });

  it('honours min and max, inclusive, and says so', () => {
    expect(accepts(Bounded, 0)).toBe(true);
    expect(accepts(Bounded, 1)).toBe(true);
    expect(accepts(Bounded, 1.0001)).toBe(false);
    expect(accepts(Bounded, -0.1)).toBe(false);
    expect(errorsFor(Bounded, { v: 2 })[0].constraints).toEqual({ isFiniteNumber: 'v must be a finite number between 0 and 1' });
    expect(errorsFor(Default, { v: NaN })[0].constraints?.isFiniteNumber).toBe('v must be a finite number between -1e15 and 1e15');
  });

  it('refuses min greater than max', () => {
    expect(() => IsFiniteNumber({ min: 2, max: 1 })).toThrow(/min/);
  });
});

describe('IsIsoDate', () => {
  class Dto {
    @IsIsoDate()
    v!: string;
  }

  it('accepts calendar dates that exist', () => {
    for (const value of ['2026-01-01', '2026-02-28', '2024-02-29', '2000-02-29', '0000-02-29', '2026-12-31'])
      expect(accepts(Dto, value)).toBe(true);
  });

  it('rejects dates that do not exist, other formats and non-strings', () => {
    for (const value of [
      '2026-02-30',
      '2025-02-29',
      '1900-02-29',
      '0100-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '2026-1-5',
      '20260105',
      '2026-01-05T00:00:00Z',
      ' 2026-01-05',
      '',
      20260105,
      null,
    ]) {
      expect(isIsoDate(value)).toBe(false);
    }
    expect(errorsFor(Dto, { v: '2026-02-30' })[0].constraints).toEqual({
      isIsoDate: 'v must be an existing calendar date formatted YYYY-MM-DD',
    });
  });
});

describe('IsIsoDateTime', () => {
  class Dto {
    @IsIsoDateTime()
    v!: string;
  }

  it('accepts ISO-8601 timestamps with a timezone', () => {
    for (const value of [
      '2026-03-01T09:30:00Z',
      '2026-03-01T09:30:00.123Z',
      '2026-03-01T09:30Z',
      '2026-03-01T09:30:00+02:00',
      '2024-02-29T23:59:59.999999-05:30',
    ]) {
      expect(isIsoDateTime(value)).toBe(true);
    }
    expect(accepts(Dto, new Date(0).toISOString())).toBe(true);
  });

  it('rejects timestamps without timezone, impossible dates or times, and non-strings', () => {
    for (const value of [
      '2026-03-01T09:30:00',
      '2026-03-01',
      '2026-02-30T10:00:00Z',
      '2026-03-01T24:00:00Z',
      '2026-03-01T10:60:00Z',
      '2026-03-01T10:00:61Z',
      '2026-03-01T10:00:00+25:00',
      '2026-03-01 10:00:00Z',
      'yesterday',
      1_700_000_000_000,
      null,
    ]) {
      expect(isIsoDateTime(value)).toBe(false);
    }
    expect(accepts(Dto, '2026-03-01T09:30:00')).toBe(false);
  });
});

describe('IsId', () => {
  class Dto {
    @IsId()
    v!: string;
  }

  it('accepts 1 to 64 characters among letters, digits, _ and -', () => {
    for (const value of ['a', 'objective_01', 'A-b_C-9', 'x'.repeat(64), '0198b7c2-9d7e-7f2a-8c3b-1d2e3f4a5b6c'])
      expect(isId(value)).toBe(true);
  });

  it('rejects empty, too long, other characters and non-strings', () => {
    for (const value of ['', 'x'.repeat(65), 'has space', 'slash/id', 'dot.id', 'émile', 'a\n', 12, null, ['a']])
      expect(isId(value)).toBe(false);
    expect(errorsFor(Dto, { v: 'no way' })[0].constraints).toEqual({
      isId: 'v must be an id of 1 to 64 characters among A-Z, a-z, 0-9, _ and -',
    });
  });

  it('checks each element with { each: true }, and leaves the element rule in the error context', () => {
    class Many {
      @IsId({ each: true })
      v!: string[];
    }
    expect(accepts(Many, ['a', 'b'])).toBe(true);
    const [error] = errorsFor(Many, { v: ['a', 'b c'] });
    expect(error.constraints).toEqual({ isId: 'each value in v must be an id of 1 to 64 characters among A-Z, a-z, 0-9, _ and -' });
    const rule = (error.contexts?.isId as Record<string, { test(v: unknown): boolean }>)[ELEMENT_RULE];
    expect(rule.test('b c')).toBe(false);
    expect(rule.test('a')).toBe(true);
  });
});

describe('BoundedString', () => {
  it('accepts exactly the texts the domain accepts (one way of counting characters)', () => {
    class Title {
      @BoundedString(TITLE_MAX, { min: 1 })
      v!: string;
    }
    const domainAccepts = (value: string) => {
      try {
        requiredText(value, 'v', TITLE_MAX);
        return true;
      } catch {
        return false;
      }
    };
    for (const value of [
      'x',
      '🎯'.repeat(101),
      '🎯'.repeat(200),
      ` ${'🎯'.repeat(200)} `,
      '🎯'.repeat(201),
      'é'.repeat(200),
      'x'.repeat(201),
      '👩‍👩‍👧'.repeat(40),
    ]) {
      expect({ value, accepted: accepts(Title, value) }).toEqual({ value, accepted: domainAccepts(value) });
    }
  });

  class Dto {
    @BoundedString(5)
    v!: string;
  }
  class NonBlank {
    @BoundedString(10, { min: 1 })
    v!: string;
  }
  class Optional {
    @IsOptional()
    @BoundedString(10, { min: 2 })
    v?: string;
  }

  it('bounds the trimmed length, min 0 by default', () => {
    expect(accepts(Dto, '')).toBe(true);
    expect(accepts(Dto, 'abcde')).toBe(true);
    expect(accepts(Dto, '   abcde   ')).toBe(true);
    expect(accepts(Dto, 'abcdef')).toBe(false);
    expect(accepts(NonBlank, '   ')).toBe(false);
    expect(accepts(NonBlank, ' x ')).toBe(true);
    expect(accepts(Optional, undefined)).toBe(true);
    expect(accepts(Optional, 'x')).toBe(false);
  });

  it('counts code points, so an emoji is one character', () => {
    expect(accepts(Dto, '🎯🎯🎯🎯🎯')).toBe(true);
    expect(accepts(Dto, '🎯🎯🎯🎯🎯🎯')).toBe(false);
  });

  it('rejects non-strings', () => {
    for (const value of [5, null, ['a'], { a: 1 }, true]) expect(accepts(Dto, value)).toBe(false);
    expect(errorsFor(NonBlank, { v: 1 })[0].constraints).toEqual({
      boundedString: 'v must be a string of 1 to 10 characters (not counting leading and trailing spaces)',
    });
    expect(errorsFor(Dto, { v: 1 })[0].constraints).toEqual({ boundedString: 'v must be a string of at most 5 characters' });
  });

  it('trims the value when transformed to the DTO', () => {
    expect(plainToInstance(Dto, { v: '  hi  ' }).v).toBe('hi');
    expect(plainToInstance(Dto, { v: 3 }).v).toBe(3);
  });

  it('refuses impossible bounds', () => {
    expect(() => BoundedString(5, { min: 6 })).toThrow();
    expect(() => BoundedString(-1)).toThrow();
  });
});
