import { compareCodePoints, compareFieldValues } from './field-values';

/** Reference: compare the arrays of code points. */
function byCodePoints(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0) as number);
  const y = [...b].map((c) => c.codePointAt(0) as number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

describe('compareCodePoints', () => {
  const samples = [
    '',
    'a',
    'A',
    'ab',
    'a\u0000',
    '\u007f',
    '\u00e9',
    '\ud7ff',
    '\ue000',
    '\uffff',
    '\u{10000}',
    '\u{1F600}',
    '\u{10FFFF}',
    'x\u{1F600}',
    'x\uFFFD',
  ];

  it('orders strings as their code points do (UTF-8 byte order), unlike UTF-16 code units', () => {
    for (const a of samples) {
      for (const b of samples) expect([a, b, Math.sign(compareCodePoints(a, b))]).toEqual([a, b, Math.sign(byCodePoints(a, b))]);
    }
    expect('\u{1F600}' < '\uffff').toBe(true);
    expect(compareCodePoints('\u{1F600}', '\uffff')).toBeGreaterThan(0);
    expect(Buffer.compare(Buffer.from('\u{1F600}'), Buffer.from('\uffff'))).toBeGreaterThan(0);
  });

  it('agrees with the reference on generated strings', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const alphabet = ['a', 'b', '\u00e9', '\ue001', '\uffff', '\u{1F600}', '\u{10000}'];
    const word = () => Array.from({ length: Math.floor(random() * 4) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (let i = 0; i < 2000; i++) {
      const a = word();
      const b = word();
      expect(Math.sign(compareCodePoints(a, b))).toBe(Math.sign(byCodePoints(a, b)));
    }
  });
});

describe('compareFieldValues', () => {
  it('puts null first, then numbers (booleans as 0 and 1), then strings', () => {
    const sorted = ['b', 10, null, 'a', -1, true, 2.5, false, ''].sort(compareFieldValues);
    expect(sorted).toEqual([null, -1, false, true, 2.5, 10, '', 'a', 'b']);
    expect(compareFieldValues(true, 1)).toBe(0);
    expect(compareFieldValues(null, null)).toBe(0);
    expect(compareFieldValues('1', 1)).toBeGreaterThan(0);
  });
});
