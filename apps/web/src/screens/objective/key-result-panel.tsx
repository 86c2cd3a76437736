import { useState } from 'react';
import { api } from '../../api/client';
import { answer } from '../../api/problem';
import type { CheckInView, CycleSummary, HistoryEntry, KeyResultView, Paged } from '../../api/views';
import { daysAgo, formatDate, formatDateTime, percent } from '../../app/format';
import { useAsync } from '../../app/use-async';
import { CheckInButton, type CheckedIn } from '../check-in/check-in-dialog';
import { formatNumber, formatValue, goal } from '../check-in/metric';
import { Bar, LoadError, ScrollingTable, useKept } from '../shared/figures';
import { dayEnd, dayStart } from './chart';
import { TimeChart, type Marker, type Series } from './time-chart';

const PAGE = 200;
/** Pages read at most of a key result's check-ins or history (200 each): more than a cycle holds. */
const MAX_PAGES = 10;
const SHOWN_CHECK_INS = 5;

export interface KeyResultPanelProps {
  keyResult: KeyResultView;
  cycle?: CycleSummary;
  /** The objective's expected progress (elapsed fraction of the cycle) at the instant shown. */
  expected: number;
  /** The "as of" instant, or none for now. */
  asOf?: string;
  ownerName: string;
  canCheckIn: boolean;
  onCheckedIn(checkIn: CheckedIn): void;
}

/** A target change, from the key result's history. */
interface TargetChange {
  at: number;
  to: number;
  entry: HistoryEntry;
}

async function allPages<T>(load: (cursor?: string) => Promise<Paged<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await load(cursor);
    items.push(...answer.items);
    if (!answer.nextCursor) break;
    cursor = answer.nextCursor;
  }
  return items;
}

async function loadSeries(id: string, signal: AbortSignal): Promise<{ checkIns: CheckInView[]; changes: TargetChange[] }> {
  const [checkIns, history] = await Promise.all([
    allPages(async (cursor) =>
      answer<Paged<CheckInView>>(
        await api.GET('/key-results/{id}/check-ins', { params: { path: { id }, query: { limit: PAGE, cursor } }, signal }),
      ),
    ),
    allPages(async (cursor) =>
      answer<Paged<HistoryEntry>>(
        await api.GET('/key-results/{id}/history', { params: { path: { id }, query: { limit: PAGE, order: 'asc', cursor } }, signal }),
      ),
    ),
  ]);
  const changes = history
    .filter((entry) => entry.type === 'KeyResultTargetChanged' && typeof entry.changes.target?.to === 'number')
    .map((entry) => ({ at: Date.parse(entry.recordedAt), to: entry.changes.target.to as number, entry }));
  return { checkIns, changes };
}

/** One key result: its figures, its values over time against the expected pace with target changes, confidence, check-ins. */
export function KeyResultPanel({ keyResult: kr, cycle, expected, asOf, ownerName, canCheckIn, onCheckedIn }: KeyResultPanelProps) {
  const [allCheckIns, setAllCheckIns] = useState(false);
  const state = useAsync((signal) => loadSeries(kr.id, signal), `${kr.id} ${kr.version}`);
  const series = useKept(state);
  const now = asOf ? Date.parse(asOf) : Date.now();
  // "As of": what was recorded and in effect by then.
  const checkIns = (series?.checkIns ?? []).filter((c) => !asOf || (c.recordedAt <= asOf && c.effectiveAt <= asOf));
  const changes = (series?.changes ?? []).filter((c) => c.at <= now);
  const titleId = `kr-${kr.id}`;
  const last = checkIns.at(-1);
  const newestFirst = [...checkIns].reverse();

  return (
    <article className="card kr-panel" aria-labelledby={titleId}>
      <div className="kr-head">
        <h3 id={titleId}>{kr.title}</h3>
        {canCheckIn && cycle && <CheckInButton keyResultId={kr.id} title={kr.title} cycle={cycle} onCheckedIn={onCheckedIn} />}
      </div>
      <p className="muted kr-meta">
        {ownerName} · {kr.metric.type === 'milestone' ? 'milestone' : goal(kr.metric)}
        {kr.originalTarget !== kr.metric.target && ` (first ${formatValue(kr.originalTarget, kr.metric)})`} · weight{' '}
        {formatNumber(kr.weight)}
      </p>
      <dl className="figures small">
        <div>
          <dt>Now</dt>
          <dd className="kr-current">{formatValue(kr.current, kr.metric)}</dd>
        </div>
        <div>
          <dt>Progress</dt>
          <dd>
            <Bar value={kr.progress} />
          </dd>
        </div>
        <div>
          <dt>Confidence</dt>
          <dd>{kr.confidence === null ? <span className="muted">not given</span> : percent(kr.confidence)}</dd>
        </div>
        <div>
          <dt>Last check-in</dt>
          <dd>{kr.lastEffectiveAt ? daysAgo(kr.lastEffectiveAt, new Date(now)) : <span className="muted">never</span>}</dd>
        </div>
      </dl>
      {state.status === 'failed' && !series && (
        <LoadError error={state.error} notFound="The check-ins of this key result could not be read." />
      )}
      {!series && state.status === 'loading' && <p className="muted">Loading the check-ins…</p>}
      {series && cycle && (
        <div className="kr-charts">
          <ValueChart keyResult={kr} checkIns={checkIns} changes={changes} cycle={cycle} expected={expected} now={now} />
          {checkIns.length > 0 && (
            <TimeChart
              title={`Confidence in ${kr.title} over time`}
              summary={`${checkIns.length} check-ins; confidence now ${percent(last!.confidence)}.`}
              from={dayStart(cycle.startsOn)}
              to={dayEnd(cycle.endsOn)}
              now={now}
              domain={[0, 1]}
              format={percent}
              height={140}
              series={[
                {
                  name: 'Confidence',
                  kind: 'value',
                  step: true,
                  holdUntil: now,
                  points: checkIns.map((c) => ({ t: Date.parse(c.effectiveAt), v: c.confidence })),
                },
              ]}
            />
          )}
        </div>
      )}
      {changes.length > 0 && (
        <ul className="target-changes">
          {changes.map((c) => (
            <li key={c.entry.position}>
              <time dateTime={c.entry.recordedAt}>{formatDate(c.entry.recordedAt)}</time>: {c.entry.summary}
            </li>
          ))}
        </ul>
      )}
      {series && (
        <>
          <h4>Check-ins ({checkIns.length})</h4>
          {checkIns.length === 0 ? (
            <p className="muted">No check-in yet.</p>
          ) : (
            <ScrollingTable label={`Check-ins of ${kr.title}`}>
              <table className="simple-table check-ins">
                <thead>
                  <tr>
                    <th scope="col">Day</th>
                    <th scope="col">Value</th>
                    <th scope="col">Confidence</th>
                    <th scope="col">Note</th>
                    <th scope="col">By</th>
                  </tr>
                </thead>
                <tbody>
                  {(allCheckIns ? newestFirst : newestFirst.slice(0, SHOWN_CHECK_INS)).map((c) => (
                    <tr key={c.id}>
                      <td>{formatDate(c.effectiveAt)}</td>
                      <td className="num">{formatValue(c.value, kr.metric)}</td>
                      <td className="num">{percent(c.confidence)}</td>
                      <td className="note">{c.note ?? <span className="muted">—</span>}</td>
                      <td>
                        {c.actor.name}
                        {Date.parse(c.recordedAt) - Date.parse(c.effectiveAt) > 86_400_000 && (
                          <span className="muted"> (recorded {formatDateTime(c.recordedAt)})</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollingTable>
          )}
          {checkIns.length > SHOWN_CHECK_INS && (
            <button type="button" className="link-button" onClick={() => setAllCheckIns(!allCheckIns)}>
              {allCheckIns ? 'Show the latest only' : `Show all ${checkIns.length} check-ins`}
            </button>
          )}
        </>
      )}
    </article>
  );
}

interface ValueChartProps {
  keyResult: KeyResultView;
  checkIns: CheckInView[];
  changes: TargetChange[];
  cycle: CycleSummary;
  expected: number;
  now: number;
}

/**
 * The key result's values over the cycle (each holds until the next check-in), against the expected pace (a
 * straight line from the start value at the cycle's start to the target at its end: where the value would be if it
 * moved evenly) and the target, its changes marked. A threshold (at least / at most) has no pace, a milestone neither.
 */
function ValueChart({ keyResult: kr, checkIns, changes, cycle, expected, now }: ValueChartProps) {
  const { metric } = kr;
  const from = dayStart(cycle.startsOn);
  const to = dayEnd(cycle.endsOn);
  const show = (value: number) => formatValue(value, metric);
  const values: Series = {
    name: 'Value',
    kind: 'value',
    step: true,
    holdUntil: now,
    points: [{ t: from, v: metric.start }, ...checkIns.map((c) => ({ t: Date.parse(c.effectiveAt), v: c.value }))],
  };
  const series: Series[] = [values];
  const markers: Marker[] = changes.map((c) => ({ t: c.at, label: `Target ${show(c.to)}` }));
  const paced = metric.type === 'increase' || metric.type === 'decrease';
  if (metric.type !== 'milestone')
    series.push({
      name: 'Target',
      kind: 'target',
      step: true,
      holdUntil: to,
      points: [{ t: from, v: kr.originalTarget }, ...changes.map((c) => ({ t: c.at, v: c.to }))],
    });
  if (paced)
    series.push({
      name: 'Expected pace',
      kind: 'pace',
      points: [
        { t: from, v: metric.start },
        { t: to, v: metric.target },
      ],
    });
  const onPace = metric.start + expected * (metric.target - metric.start);
  const summary = [
    `${checkIns.length} check-ins`,
    `now ${show(kr.current)}`,
    paced ? `on pace it would be ${show(onPace)}` : undefined,
    metric.type === 'milestone' ? undefined : `target ${show(metric.target)}`,
    changes.length > 0 ? `target changed ${changes.length === 1 ? 'once' : `${changes.length} times`}` : undefined,
  ]
    .filter(Boolean)
    .join('; ');
  return (
    <TimeChart
      title={`Values of ${kr.title} over time`}
      summary={`${summary}.`}
      from={from}
      to={to}
      now={now}
      series={series}
      markers={markers}
      format={show}
      ticks={metric.type === 'milestone' ? [0, 1] : undefined}
    />
  );
}
