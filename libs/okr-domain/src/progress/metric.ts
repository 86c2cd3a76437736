import { InvalidInputError } from '../common/errors';
import { finiteValue } from '../common/numbers';

export const METRIC_TYPES = ['increase', 'decrease', 'atLeast', 'atMost', 'milestone'] as const;
export type MetricType = (typeof METRIC_TYPES)[number];

/** How a key result is measured. For a milestone, start is 0 and target 1 (done). */
export interface Metric {
  type: MetricType;
  start: number;
  target: number;
  unit: string | null;
}

export interface MetricInput {
  type: MetricType;
  start?: number;
  target?: number;
  unit?: string | null;
}

/** Validates a metric and fills in defaults (start 0 except for increase/decrease; milestone target 1). */
export function normaliseMetric(input: MetricInput, fieldPrefix = 'metric'): Metric {
  if (!METRIC_TYPES.includes(input.type)) {
    throw new InvalidInputError('metric.type', `${fieldPrefix}.type must be one of ${METRIC_TYPES.join(', ')}`, `${fieldPrefix}.type`);
  }
  const unit = input.unit === undefined || input.unit === null || input.unit.trim() === '' ? null : input.unit.trim();
  if (input.type === 'milestone') return { type: 'milestone', start: 0, target: 1, unit };
  if (input.type === 'increase' || input.type === 'decrease') {
    if (input.start === undefined)
      throw new InvalidInputError('metric.start_required', `${fieldPrefix}.start is required for ${input.type}`, `${fieldPrefix}.start`);
  }
  if (input.target === undefined)
    throw new InvalidInputError('metric.target_required', `${fieldPrefix}.target is required`, `${fieldPrefix}.target`);
  const start = finiteValue(input.start ?? 0, `${fieldPrefix}.start`, 'metric.not_finite');
  const target = finiteValue(input.target, `${fieldPrefix}.target`, 'metric.not_finite');
  checkTarget(input.type, start, target, `${fieldPrefix}.target`);
  return { type: input.type, start, target, unit };
}

/** increase needs target > start, decrease target < start (start = target would divide by zero). */
export function checkTarget(type: MetricType, start: number, target: number, field: string): void {
  if (type === 'increase' && !(target > start)) {
    throw new InvalidInputError(
      'metric.target_not_above_start',
      `${field} must be greater than start (${start}) for an increase metric`,
      field,
    );
  }
  if (type === 'decrease' && !(target < start)) {
    throw new InvalidInputError(
      'metric.target_not_below_start',
      `${field} must be less than start (${start}) for a decrease metric`,
      field,
    );
  }
}
