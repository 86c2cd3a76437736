import { useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { answer } from '../../api/problem';
import type {
  AlignmentAnswer,
  CheckInItem,
  CycleDiff,
  CycleSummary,
  MovedGoalposts,
  OutputsVsOutcomesReport,
  TeamRollup,
  TeamView,
  UserView,
} from '../../api/views';
import { formatDate, formatDateTime, percent, points } from '../../app/format';
import { useAsync, type Async } from '../../app/use-async';
import { HEALTHS } from '../../app/health';
import { healthCounts } from '../alignment/tree';
import { CheckInButton, type CheckedIn } from '../check-in/check-in-dialog';
import { formatNumber } from '../check-in/metric';
import { dueText } from '../shared/due';
import { Bar, Capped, HealthBadge, LoadError, ScrollingTable } from '../shared/figures';
import { CyclePicker, WithCycle } from '../shared/with-cycle';
import { CHANGE_WINDOW_MS, rollupThen, topRisks } from './dashboard';
import './dashboard.css';

const FIRST = 8;

/**
 * Dashboard (?cycle=): the cycle at a glance. Health distribution, teams by rollup with their change over two
 * weeks, the top risks, missed check-ins, outcomes without outputs and orphan initiatives, goalposts moved. Each
 * panel loads on its own.
 */
export default function DashboardScreen() {
  return (
    <WithCycle title="Dashboard" path="/dashboard" shows="its dashboard">
      {(cycle, cycles) => (
        <section className="page dashboard">
          <div className="page-head">
            <h1>Dashboard</h1>
            <CyclePicker cycle={cycle} cycles={cycles} />
          </div>
          <CycleDashboard key={cycle.id} cycle={cycle} />
        </section>
      )}
    </WithCycle>
  );
}

function CycleDashboard({ cycle }: { cycle: CycleSummary }) {
  const id = cycle.id;
  const [reloads, setReloads] = useState(0);
  const [notice, setNotice] = useState('');
  const tree = useAsync(
    async (signal) => answer<AlignmentAnswer>(await api.GET('/cycles/{id}/alignment', { params: { path: { id } }, signal })),
    `${id} ${reloads}`,
  );
  const names = useAsync(async (signal) => {
    const [users, teams] = await Promise.all([
      api.GET('/users', { signal }).then((r) => answer<{ items: UserView[] }>(r).items),
      api.GET('/teams', { signal }).then((r) => answer<{ items: TeamView[] }>(r).items),
    ]);
    return { users: new Map(users.map((u) => [u.id, u.name])), teams };
  }, 'names');
  const missed = useAsync(
    async (signal) =>
      answer<{ items: CheckInItem[] }>(await api.GET('/cycles/{id}/missed-check-ins', { params: { path: { id } }, signal })).items,
    `${id} ${reloads}`,
  );
  const outputs = useAsync(
    async (signal) =>
      answer<OutputsVsOutcomesReport>(await api.GET('/cycles/{id}/outputs-vs-outcomes', { params: { path: { id } }, signal })),
    id,
  );
  const goalposts = useAsync(
    async (signal) =>
      answer<{ keyResults: MovedGoalposts[] }>(await api.GET('/cycles/{id}/target-changes', { params: { path: { id } }, signal })),
    id,
  );
  const checkedIn = (done: CheckedIn) => {
    setNotice(`Checked in on ${done.title}: ${done.text}.`);
    setReloads((n) => n + 1);
  };
  const users = names.status === 'done' ? names.data.users : undefined;

  return (
    <>
      <p className="notice" role="status">
        {notice}
      </p>
      <div className="dashboard-grid">
        <Panel title="Health" state={tree}>
          {(data) => <HealthDistribution answer={data} />}
        </Panel>
        <Panel title="Top risks" state={tree}>
          {(data) => <Risks answer={data} />}
        </Panel>
        <TeamsPanel cycle={cycle} teams={names.status === 'done' ? names.data.teams : undefined} failed={names.status === 'failed'} />
        <Panel title="Missed check-ins" state={missed}>
          {(items) => <Missed items={items} cycle={cycle} users={users} onCheckedIn={checkedIn} />}
        </Panel>
        <Panel title="Outputs and outcomes" state={outputs}>
          {(report) => <OutputsAndOutcomes report={report} />}
        </Panel>
        <Panel title="Goalposts moved" state={goalposts}>
          {(report) => <Goalposts moved={report.keyResults} />}
        </Panel>
      </div>
    </>
  );
}

function Panel<T>({ title, state, children }: { title: string; state: Async<T>; children(data: T): ReactNode }) {
  const headingId = `panel-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section className="card panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {state.status === 'loading' && <p className="muted">Loading…</p>}
      {state.status === 'failed' && <LoadError error={state.error} notFound="Not found." />}
      {state.status === 'done' && children(state.data)}
    </section>
  );
}

function HealthDistribution({ answer: tree }: { answer: AlignmentAnswer }) {
  const counts = healthCounts(tree.roots);
  const total = HEALTHS.reduce((sum, h) => sum + counts[h], 0);
  return (
    <>
      <div className="distribution" aria-hidden="true">
        {HEALTHS.filter((h) => counts[h] > 0).map((h) => (
          <span key={h} className={`segment segment-${h}`} style={{ width: `${(counts[h] / total) * 100}%` }} />
        ))}
      </div>
      <ul className="distribution-legend">
        {HEALTHS.map((h) => (
          <li key={h}>
            <HealthBadge health={h} /> <strong>{counts[h]}</strong>{' '}
            <span className="muted">({total === 0 ? '0 %' : percent(counts[h] / total)})</span>
          </li>
        ))}
      </ul>
      <p className="muted">
        {tree.objectives} objectives · expected progress {percent(tree.expected)} today ·{' '}
        <Link to={`/alignment?cycle=${tree.cycle.id}`}>see them aligned</Link>
      </p>
    </>
  );
}

function Risks({ answer: tree }: { answer: AlignmentAnswer }) {
  const risks = useMemo(() => topRisks(tree.roots), [tree]);
  if (risks.length === 0) return <p className="muted">No open objective is off track or low in confidence.</p>;
  return (
    <ol className="plain-list risks">
      {risks.map(({ node, offTrack, lowConfidence }) => (
        <li key={node.id}>
          <Link to={`/objectives/${node.id}`}>{node.title}</Link>
          <span className="secondary">
            {offTrack && (
              <>
                <HealthBadge health="off_track" /> {percent(node.rollup)} against {percent(tree.expected)} expected
              </>
            )}
            {offTrack && lowConfidence && ' · '}
            {lowConfidence && <span className="low-confidence">low confidence {percent(node.confidence!)}</span>}
            {node.team && <span className="muted"> · {node.team.name}</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}

interface TeamRow {
  team: TeamView;
  rollup: TeamRollup;
  then: number | null;
}

/** Every team with objectives in the cycle, by rollup (its sub-teams' objectives included), and its change over two weeks. */
function TeamsPanel({ cycle, teams, failed }: { cycle: CycleSummary; teams?: TeamView[]; failed: boolean }) {
  const now = Date.now();
  const since = Math.max(now - CHANGE_WINDOW_MS, Date.parse(`${cycle.startsOn}T00:00:00.000Z`));
  const rows = useAsync(
    async (signal): Promise<{ rows: TeamRow[]; since: string | null }> => {
      const from = new Date(since).toISOString();
      const to = new Date(now - 60_000).toISOString();
      const [rollups, diff] = await Promise.all([
        Promise.all(
          teams!.map(async (team) => ({
            team,
            rollup: answer<TeamRollup>(
              await api.GET('/teams/{id}/rollup', { params: { path: { id: team.id }, query: { cycleId: cycle.id } }, signal }),
            ),
          })),
        ),
        // The change needs a past to compare with: none when the cycle started moments ago, or the diff is refused.
        since < now - 3_600_000
          ? api
              .GET('/cycles/{id}/diff', { params: { path: { id: cycle.id }, query: { from, to } }, signal })
              .then((r) => answer<CycleDiff>(r))
              .catch(() => null)
          : Promise.resolve(null),
      ]);
      return {
        rows: rollups
          .filter((r) => r.rollup.topObjectiveIds.length > 0)
          .map((r) => ({ ...r, then: diff ? rollupThen(r.rollup, diff) : null }))
          .sort((a, b) => b.rollup.rollup - a.rollup.rollup || a.team.name.localeCompare(b.team.name)),
        since: diff ? from : null,
      };
    },
    teams ? `${cycle.id} ${teams.length}` : null,
  );
  const state: Async<{ rows: TeamRow[]; since: string | null }> = failed
    ? { status: 'failed', error: new Error('The teams could not be read.') }
    : rows;
  return (
    <Panel title="Teams by rollup" state={state}>
      {({ rows: teamRows, since: from }) =>
        teamRows.length === 0 ? (
          <p className="muted">No team has objectives in this cycle.</p>
        ) : (
          <ScrollingTable label="Teams by rollup">
            <table className="simple-table">
              <thead>
                <tr>
                  <th scope="col">Team</th>
                  <th scope="col">Rolled up</th>
                  <th scope="col">{from ? `Since ${formatDate(from)}` : 'Change'}</th>
                </tr>
              </thead>
              <tbody>
                {teamRows.map(({ team, rollup, then }) => {
                  const delta = then === null ? null : rollup.rollup - then;
                  return (
                    <tr key={team.id}>
                      <td>
                        {team.name}
                        <span className="secondary">{rollup.topObjectiveIds.length} objectives</span>
                      </td>
                      <td className="num">
                        <Bar value={rollup.rollup} />
                      </td>
                      <td className="num">
                        {delta === null ? (
                          <span className="muted">—</span>
                        ) : (
                          <span className={delta > 0.005 ? 'up' : delta < -0.005 ? 'down' : ''}>
                            {delta > 0.005 ? '▲ ' : delta < -0.005 ? '▼ ' : ''}
                            {points(delta)}
                          </span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollingTable>
        )
      }
    </Panel>
  );
}

interface MissedProps {
  items: CheckInItem[];
  cycle: CycleSummary;
  users?: Map<string, string>;
  onCheckedIn(done: CheckedIn): void;
}

function Missed({ items, cycle, users, onCheckedIn }: MissedProps) {
  const now = new Date();
  return (
    <>
      <p>
        <strong className={items.length > 0 ? 'overdue-count' : undefined}>{items.length}</strong> key{' '}
        {items.length === 1 ? 'result is' : 'results are'} overdue for a check-in.
      </p>
      <Capped
        first={FIRST}
        className="plain-list"
        items={items}
        empty="Every key result is checked in on time."
        render={(item) => (
          <li key={item.keyResultId} className="with-action">
            <span>
              <span className="kr-title">{item.title}</span>
              <span className="secondary">
                <span className="due overdue">{dueText(item.dueAt, now)}</span> ·{' '}
                {item.ownerId ? (users?.get(item.ownerId) ?? '…') : 'no owner'} ·{' '}
                <Link to={`/objectives/${item.objectiveId}`}>{item.objectiveTitle}</Link>
              </span>
            </span>
            {cycle.status === 'open' && (
              <CheckInButton keyResultId={item.keyResultId} title={item.title} cycle={cycle} onCheckedIn={onCheckedIn} />
            )}
          </li>
        )}
      />
    </>
  );
}

function OutputsAndOutcomes({ report }: { report: OutputsVsOutcomesReport }) {
  const withoutOutputs = report.keyResults.filter((k) => k.flags.includes('outcome_without_outputs'));
  return (
    <>
      <h3>Outcomes without outputs ({withoutOutputs.length})</h3>
      <p className="muted">Key results no live initiative works on.</p>
      <Capped
        first={FIRST}
        className="plain-list"
        items={withoutOutputs}
        empty="Every key result has an initiative."
        render={(k) => (
          <li key={k.keyResultId}>
            <Link to={`/objectives/${k.objectiveId}`}>{k.title}</Link> <span className="muted">· {percent(k.progress)}</span>
          </li>
        )}
      />
      <h3>Orphan initiatives ({report.orphanInitiatives.length})</h3>
      <p className="muted">Initiatives linked to no live key result: outputs for no outcome.</p>
      <Capped
        first={FIRST}
        className="plain-list"
        items={report.orphanInitiatives}
        empty="Every initiative serves a key result."
        render={(i) => (
          <li key={i.id}>
            {i.title} <span className="muted">· {i.status.replace('_', ' ')}</span>
          </li>
        )}
      />
    </>
  );
}

function Goalposts({ moved }: { moved: MovedGoalposts[] }) {
  return (
    <>
      <p className="muted">Key results whose target changed, with the effect on their score.</p>
      <Capped
        first={FIRST}
        className="plain-list"
        items={moved}
        empty="No target changed in this cycle."
        render={(k) => {
          const last = k.changes.at(-1);
          return (
            <li key={k.keyResultId}>
              <Link to={`/objectives/${k.objective.id}`}>{k.title}</Link>: {formatNumber(k.originalTarget)} →{' '}
              {formatNumber(k.currentTarget)}{' '}
              <span className={k.shift > 0.005 ? 'up' : k.shift < -0.005 ? 'down' : 'muted'}>({points(k.shift)} on its score)</span>
              {last && (
                <span className="secondary">
                  {k.changes.length > 1 ? `${k.changes.length} changes, the last` : 'Changed'} by {last.actor.name} on{' '}
                  {formatDateTime(last.recordedAt)}: &ldquo;{last.reason}&rdquo;
                </span>
              )}
            </li>
          );
        }}
      />
    </>
  );
}
