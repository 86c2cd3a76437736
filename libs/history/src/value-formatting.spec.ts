import { excerpt, formatInstant, formatMetricValue, formatShare, listed } from './value-formatting';

describe('value formatting', () => {
  it('writes metric values with their unit, without float noise, in en-US digits', () => {
    expect(formatMetricValue(2.5, '%')).toBe('2.5 %');
    expect(formatMetricValue(1200000, '€')).toBe('1,200,000 €');
    expect(formatMetricValue(0.1 + 0.2, null)).toBe('0.3');
    expect(formatMetricValue(1, null, 'milestone')).toBe('done');
    expect(formatMetricValue(0, 'x', 'milestone')).toBe('not done');
  });

  it('writes shares as percentages, instants as dates, long texts cut', () => {
    expect(formatShare(0.655)).toBe('65.5 %');
    expect(formatShare(null)).toBe('none');
    expect(formatInstant('2026-01-12T00:00:00.000Z')).toBe('2026-01-12');
    expect(formatInstant('2026-01-12T14:30:10.000Z')).toBe('2026-01-12 14:30 UTC');
    expect(excerpt('x'.repeat(100), 10)).toBe(`'${'x'.repeat(9)}…'`);
    expect(listed(['a', 'b', 'c'])).toBe('a, b and c');
  });
});
