import { BUDGET } from '@okr/budget';
import { TimeSeries } from '@okr/projections';
import { answerJson } from '@okr/platform';

/**
 * The series as the JSON document `TimeSeriesJson` (columnar: each entity's `progress[i]` is its value at
 * `boundaries[i]`, null where it did not exist), in chunks of a few hundred entities: a large cycle's answer is
 * tens of megabytes, never built as one string.
 */
export function* timeSeriesJsonChunks(series: TimeSeries): Generator<string> {
  const head = { cycleId: series.cycleId, interval: series.interval, boundaries: series.boundaryInstants() };
  yield `${answerJson(head).slice(0, -1)},"objectives":[`;
  yield* entities(series.objectives.length, (o) => answerJson(series.objectiveJson(o)));
  yield '],"keyResults":[';
  yield* entities(series.keyResults.length, (k) => answerJson(series.keyResultJson(k)));
  yield ']}';
}

function* entities(count: number, json: (index: number) => string): Generator<string> {
  const chunk = BUDGET.responses.timeSeriesJsonEntities;
  for (let start = 0; start < count; start += chunk) {
    const parts: string[] = [];
    for (let i = start; i < Math.min(count, start + chunk); i++) parts.push(json(i));
    yield (start > 0 ? ',' : '') + parts.join(',');
  }
}
