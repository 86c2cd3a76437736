import { TimeSeries } from '@okr/projections';
import { csvRecord } from '../export/csv-encoding';
import { readableNumber } from '@okr/platform';

const readable = (value: number | null): number | null => (value === null ? null : readableNumber(value));

export const TIME_SERIES_CSV_HEADER = ['at', 'kind', 'id', 'objectiveId', 'title', 'value', 'progress', 'rollup'] as const;

/**
 * The series as RFC 4180 CSV lines (CRLF included), header first, then one row per boundary and entity that
 * existed then: objectives (`kind` objective: progress, rollup) then key results (`kind` keyResult: objectiveId,
 * value, progress), boundary after boundary. Lazy: a caller writing them to a file or a response holds one line.
 */
export function* timeSeriesCsvLines(series: TimeSeries): Generator<string> {
  yield csvRecord(TIME_SERIES_CSV_HEADER);
  const instants = series.boundaryInstants();
  for (let b = 0; b < instants.length; b++) {
    const at = instants[b];
    for (let o = 0; o < series.objectives.length; o++) {
      const point = series.objectivePoint(o, b);
      if (point)
        yield csvRecord([
          at,
          'objective',
          series.objectives[o].id,
          '',
          series.objectives[o].title,
          '',
          readable(point.progress),
          readable(point.rollup),
        ]);
    }
    for (let k = 0; k < series.keyResults.length; k++) {
      const point = series.keyResultPoint(k, b);
      const { id, objectiveId, title } = series.keyResults[k];
      if (point) yield csvRecord([at, 'keyResult', id, objectiveId, title, readable(point.value), readable(point.progress), '']);
    }
  }
}
