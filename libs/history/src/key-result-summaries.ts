import { CheckInCadence, KeyResultEvent, Metric, checkInInEffect } from '@okr/domain';
import { DescribeInput, Describers, numberField, textField } from './describer';
import { formatInstant, formatMetricValue, formatNumber, formatShare, quoted } from './value-formatting';

/** A check-in counts as backdated when its effective time is more than a minute before it was recorded. */
const BACKDATED_MS = 60_000;

type KeyResultInput = DescribeInput<KeyResultEvent['type']>;

function title(input: KeyResultInput): string {
  return quoted(textField(input, 'title') ?? input.data.keyResultId);
}

function value(input: KeyResultInput, amount: number): string {
  return formatMetricValue(amount, textField(input, 'unit'), textField(input, 'metricType'));
}

function goal(metric: Metric): string {
  const show = (v: number) => formatMetricValue(v, metric.unit, metric.type);
  switch (metric.type) {
    case 'increase':
    case 'decrease':
      return `${metric.type} from ${show(metric.start)} to ${show(metric.target)}`;
    case 'atLeast':
      return `at least ${show(metric.target)}`;
    case 'atMost':
      return `at most ${show(metric.target)}`;
    default:
      return 'milestone';
  }
}

/** A key result's own cadence, or the tenant's (null). */
function cadence(value: CheckInCadence | null): string {
  return value ?? "the tenant's";
}

/** Sentences for the events of a key result's stream. */
export const keyResultSummaries: Describers<KeyResultEvent['type']> = {
  KeyResultAdded(input) {
    const { data, names, by } = input;
    const origin = data.carriedOverFrom ? ` (carried over from ${quoted(names.name('keyResult', data.carriedOverFrom))})` : '';
    const checkIns = data.checkInCadence ? `, check-ins ${data.checkInCadence}` : '';
    return {
      summary: `Key result ${quoted(data.title)} added to ${quoted(names.name('objective', data.objectiveId))}${origin}: ${goal(data.metric)}, weight ${formatNumber(data.weight)}${checkIns}, ${by}`,
    };
  },

  KeyResultRenamed(input) {
    return { summary: `Key result ${quoted(input.data.previousTitle)} renamed to ${quoted(input.data.title)} ${input.by}` };
  },

  KeyResultTargetChanged(input) {
    const { data, by } = input;
    return {
      summary: `Target of ${title(input)} changed from ${value(input, data.previousTarget)} to ${value(input, data.target)} ${by}: ${data.reason}`,
      reason: data.reason,
    };
  },

  KeyResultWeightChanged(input) {
    const { data, by } = input;
    return { summary: `Weight of ${title(input)} changed from ${formatNumber(data.previousWeight)} to ${formatNumber(data.weight)} ${by}` };
  },

  /**
   * Changes are the value and confidence in effect at the check-in's effective time before it (the start and
   * no confidence when nothing was in effect) and the new ones; a backdated check-in says so.
   */
  KeyResultCheckedIn(input) {
    const { data, before, event, by } = input;
    const previous = checkInInEffect(before?.checkIns ?? [], data.effectiveAt);
    const fromValue = previous ? previous.value : (numberField(input, 'start') ?? 0);
    const fromConfidence = previous ? previous.confidence : null;
    const backdated = Date.parse(event.metadata.recordedAt) - Date.parse(data.effectiveAt) > BACKDATED_MS;
    const effective = backdated ? ` effective ${formatInstant(data.effectiveAt)}` : '';
    const note = data.note ? `: ${data.note}` : '';
    return {
      summary:
        `${title(input)} checked in at ${value(input, data.value)}${effective} (was ${value(input, fromValue)}), ` +
        `confidence ${formatShare(data.confidence)} (was ${formatShare(fromConfidence)}) ${by}${note}`,
      changes: { value: { from: fromValue, to: data.value }, confidence: { from: fromConfidence, to: data.confidence } },
      ...(data.note ? { reason: data.note } : {}),
    };
  },

  KeyResultCheckInCadenceChanged(input) {
    const { data, by } = input;
    return {
      summary: `Check-in cadence of ${title(input)} changed from ${cadence(data.previousCheckInCadence)} to ${cadence(data.checkInCadence)} ${by}`,
    };
  },

  KeyResultGraded(input) {
    const { data, by } = input;
    const was = data.previousScore === null || data.previousScore === undefined ? '' : ` (was ${formatShare(data.previousScore)})`;
    return { summary: `${title(input)} graded ${formatShare(data.score)}${was} ${by}` };
  },

  KeyResultRemoved(input) {
    const objectiveId = textField(input, 'objectiveId');
    const from = objectiveId ? ` from ${quoted(input.names.name('objective', objectiveId))}` : '';
    return { summary: `Key result ${title(input)} removed${from} ${input.by}` };
  },
};
