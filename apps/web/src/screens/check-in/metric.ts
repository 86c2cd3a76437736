import type { Metric, MetricType } from '../../api/views';

import { formatNumber } from '../../app/format';

export { formatNumber };

/** A key result's value with its unit: "2.5 %", "1,200 €"; a milestone is "Done" or "Not done". */
export function formatValue(value: number, metric: { type: MetricType; unit: string | null }): string {
  if (metric.type === 'milestone') return value >= 1 ? 'Done' : 'Not done';
  return metric.unit ? `${formatNumber(value)} ${metric.unit}` : formatNumber(value);
}

/** What the key result asks for: "from 10 to 50 %", "at least 95 %", "at most 2 %", "done". */
export function goal(metric: Metric): string {
  const show = (value: number) => formatValue(value, metric);
  switch (metric.type) {
    case 'increase':
    case 'decrease':
      return `from ${show(metric.start)} to ${show(metric.target)}`;
    case 'atLeast':
      return `at least ${show(metric.target)}`;
    case 'atMost':
      return `at most ${show(metric.target)}`;
    case 'milestone':
      return 'done';
  }
}

/** The number typed in a value field, or a message saying what is wrong with it. */
export function parseNumber(text: string): number | { message: string } {
  const trimmed = text.trim().replace(/\s/g, '');
  if (trimmed === '') return { message: 'Enter a value.' };
  const value = Number(trimmed);
  return Number.isNaN(value) ? { message: `"${text.trim()}" is not a number.` } : value;
}
