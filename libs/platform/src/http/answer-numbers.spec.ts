import { answerJson, readableConfidence, readableNumber } from './answer-numbers';

describe('numbers as the API answers them', () => {
  it('drops the noise of binary arithmetic', () => {
    expect(readableNumber((0.1 + 0.7) / 2)).toBe(0.4);
    expect(readableNumber(0.1 + 0.2)).toBe(0.3);
    expect(readableNumber(0.7 + 0.1)).toBe(0.8);
    expect(readableNumber(1.1 * 1.1)).toBe(1.21);
    expect(readableNumber(-4.35 * 100)).toBe(-435);
  });

  it('gives back every number of up to 15 significant digits exactly as sent', () => {
    for (const text of ['0.4', '0.7', '1234.56', '-0.001', '123456789.012345', '0.000123456789012345', '1e-7', '99999999999999.9']) {
      expect(String(readableNumber(Number(text)))).toBe(String(Number(text)));
    }
  });

  it('leaves integers, and what JSON cannot carry, alone', () => {
    for (const value of [0, -3, 2 ** 53, 1e21, NaN, Infinity]) expect(readableNumber(value)).toBe(value);
  });

  it('keeps 15 significant digits of a true fraction', () => {
    expect(readableNumber(1 / 3)).toBe(0.333333333333333);
    expect(Math.abs(readableNumber(2 / 3) - 2 / 3)).toBeLessThan(1e-15);
  });

  it('serialises every number of an answer, however deep', () => {
    expect(answerJson({ a: 0.1 + 0.2, list: [(0.1 + 0.7) / 2, null, 'text 0.30000000000000004'], nested: { n: 7 } })).toBe(
      '{"a":0.3,"list":[0.4,null,"text 0.30000000000000004"],"nested":{"n":7}}',
    );
  });

  it('answers a confidence with at most two decimals, wherever it is', () => {
    expect(readableConfidence(2 / 3)).toBe(0.67);
    expect(readableConfidence((0.1 + 0.7) / 2)).toBe(0.4);
    expect(readableConfidence(0.285)).toBe(0.29);
    for (const value of [0, 1, 0.05, 0.7, 0.95]) expect(readableConfidence(value)).toBe(value);
    expect(answerJson({ confidence: 2 / 3, progress: 2 / 3, keyResults: [{ confidence: 0.1 + 0.2 }] })).toBe(
      '{"confidence":0.67,"progress":0.666666666666667,"keyResults":[{"confidence":0.3}]}',
    );
    expect(answerJson({ confidence: null })).toBe('{"confidence":null}');
  });
});
