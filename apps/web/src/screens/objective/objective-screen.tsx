import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { answer } from '../../api/problem';
import type {
  CycleSummary,
  HistoryEntry,
  InitiativeStatus,
  ObjectiveSummary,
  ObjectiveView,
  Paged,
  TeamView,
  UserView,
} from '../../api/views';
import { dateInput, formatDate, formatDateTime, instantOf, isDateValue, percent } from '../../app/format';
import { useAsync } from '../../app/use-async';
import { useUrlState } from '../../app/url-state';
import type { CheckedIn } from '../check-in/check-in-dialog';
import { Bar, HealthBadge, LoadError, useKept } from '../shared/figures';
import { KeyResultPanel } from './key-result-panel';
import './objective.css';

/** Names of the people, teams and cycles the objective refers to. */
export interface Directory {
  users: Map<string, string>;
  teams: Map<string, string>;
  cycles: CycleSummary[];
}

const INITIATIVE_STATUS: Record<InitiativeStatus, string> = {
  planned: 'Planned',
  in_progress: 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};

/** /objectives/:id (?asOf=date): one objective with its key results, their charts and check-ins, initiatives, children, history. */
export default function ObjectiveScreen() {
  const { id = '' } = useParams();
  const [url, setUrl] = useUrlState();
  const asOf = url.asOf && isDateValue(url.asOf) ? url.asOf : undefined;
  return <ObjectivePage key={`${id} ${asOf ?? ''}`} id={id} asOf={asOf} setAsOf={(value) => setUrl({ asOf: value })} />;
}

async function loadDirectory(signal: AbortSignal): Promise<Directory> {
  const [users, teams, cycles] = await Promise.all([
    api.GET('/users', { signal }).then((r) => answer<{ items: UserView[] }>(r).items),
    api.GET('/teams', { signal }).then((r) => answer<{ items: TeamView[] }>(r).items),
    api.GET('/cycles', { signal }).then((r) => answer<{ items: CycleSummary[] }>(r).items),
  ]);
  return { users: new Map(users.map((u) => [u.id, u.name])), teams: new Map(teams.map((t) => [t.id, t.name])), cycles };
}

function ObjectivePage({ id, asOf, setAsOf }: { id: string; asOf?: string; setAsOf(value: string | undefined): void }) {
  const asOfInstant = useMemo(() => (asOf ? instantOf(asOf) : undefined), [asOf]);
  // A check-in loads the objective again; what was shown stays until the new answer is in.
  const [reloads, setReloads] = useState(0);
  const [notice, setNotice] = useState('');
  const state = useAsync(
    async (signal) =>
      answer<ObjectiveView>(
        await api.GET('/objectives/{id}', { params: { path: { id }, query: asOfInstant ? { asOf: asOfInstant } : {} }, signal }),
      ),
    String(reloads),
  );
  const objective = useKept(state);
  const directoryState = useAsync(loadDirectory, 'directory');
  const directory = directoryState.status === 'done' ? directoryState.data : undefined;

  if (!objective) {
    if (state.status === 'failed')
      return (
        <section className="page">
          <h1>Objective not found</h1>
          <LoadError
            error={state.error}
            notFound={
              asOf
                ? 'This objective did not exist yet on that date, or is not yours to see.'
                : 'This objective does not exist, or is not yours to see.'
            }
          />
          <p>
            <Link to="/alignment">Go to the alignment of your cycles</Link>.
          </p>
        </section>
      );
    return <p className="page-status">Loading the objective…</p>;
  }

  const cycle = directory?.cycles.find((c) => c.id === objective.cycleId);
  const canCheckIn = !asOf && objective.lifecycle === 'open' && cycle?.status === 'open';
  const keyResults = objective.keyResults.filter((kr) => !kr.removed);
  const name = (userId: string | null) => (userId ? (directory?.users.get(userId) ?? '…') : 'No owner');
  const checkedIn = (done: CheckedIn) => {
    setNotice(`Checked in on ${done.title}: ${done.text}.`);
    setReloads((n) => n + 1);
  };
  const today = dateInput(new Date());

  return (
    <section className="page objective">
      <p className="crumbs">
        <Link to={`/alignment?cycle=${objective.cycleId}${asOf ? `&asOf=${asOf}` : ''}`}>Alignment</Link>
        {cycle && <span className="muted"> · {cycle.name}</span>}
      </p>
      <div className="page-head">
        <h1>
          {objective.title}
          {objective.kind === 'aspirational' && <span className="kind">aspirational</span>}
        </h1>
        <div className="field">
          <label htmlFor="objective-as-of">As of</label>
          <input
            id="objective-as-of"
            type="date"
            value={asOf ? (asOf.includes('T') ? dateInput(new Date(asOf)) : asOf) : ''}
            min={cycle?.startsOn}
            max={today}
            onChange={(event) => setAsOf(event.target.value || undefined)}
          />
        </div>
      </div>
      {asOf && (
        <div className="as-of-banner" role="status">
          <span>
            You are looking at the past: this objective as it stood on {formatDateTime(asOfInstant!)}. Changes since are not shown.
          </span>
          <button type="button" onClick={() => setAsOf(undefined)}>
            Back to today
          </button>
        </div>
      )}
      <p className="muted objective-meta">
        {name(objective.ownerId)}
        {objective.teamId && ` · ${directory?.teams.get(objective.teamId) ?? '…'}`}
        {objective.lifecycle !== 'open' && ` · ${objective.lifecycle}${objective.closedAt ? ` on ${formatDate(objective.closedAt)}` : ''}`}
      </p>
      {objective.description && <p className="description">{objective.description}</p>}
      <dl className="figures">
        <div>
          <dt>Progress</dt>
          <dd>
            <Bar value={objective.progress} />
          </dd>
        </div>
        <div>
          <dt>Rolled up</dt>
          <dd>
            <Bar value={objective.rollup} />
          </dd>
        </div>
        <div>
          <dt>Health</dt>
          <dd>
            <HealthBadge health={objective.status} />
          </dd>
        </div>
        <div>
          <dt>Confidence</dt>
          <dd>{objective.confidence === null ? <span className="muted">not given</span> : percent(objective.confidence)}</dd>
        </div>
        <div>
          <dt>Expected {asOf ? 'then' : 'today'}</dt>
          <dd>{percent(objective.expected)}</dd>
        </div>
        {objective.score !== null && (
          <div>
            <dt>Score</dt>
            <dd>{percent(objective.score)}</dd>
          </div>
        )}
      </dl>
      <p className="notice" role="status">
        {notice}
      </p>

      <h2>Key results ({keyResults.length})</h2>
      {keyResults.length === 0 && <p className="muted">No key result yet.</p>}
      {keyResults.map((kr) => (
        <KeyResultPanel
          key={kr.id}
          keyResult={kr}
          cycle={cycle}
          expected={objective.expected}
          asOf={asOfInstant}
          ownerName={name(kr.ownerId ?? objective.ownerId)}
          canCheckIn={canCheckIn}
          onCheckedIn={checkedIn}
        />
      ))}

      <h2>Initiatives ({objective.initiatives.length})</h2>
      {objective.initiatives.length === 0 ? (
        <p className="muted">No initiative is linked to these key results.</p>
      ) : (
        <ul className="plain-list">
          {objective.initiatives.map((initiative) => (
            <li key={initiative.id}>
              <span className={`status-word status-${initiative.status}`}>{INITIATIVE_STATUS[initiative.status]}</span>{' '}
              <strong>{initiative.title}</strong>
              <span className="muted">
                {' '}
                · {name(initiative.ownerId)} · for{' '}
                {initiative.keyResultIds
                  .map((k) => keyResults.find((kr) => kr.id === k)?.title)
                  .filter(Boolean)
                  .join(', ') || 'no key result of this objective'}
              </span>
            </li>
          ))}
        </ul>
      )}

      <Children objective={objective} asOf={asOfInstant} directory={directory} />
      <History key={reloads} id={objective.id} asOf={asOfInstant} />
    </section>
  );
}

/** The objectives aligned under this one: now, or each as it stood on the "as of" date. */
function Children({ objective, asOf, directory }: { objective: ObjectiveView; asOf?: string; directory?: Directory }) {
  const children = useAsync(
    async (signal): Promise<ObjectiveSummary[]> => {
      if (asOf)
        return Promise.all(
          objective.childIds.map(async (childId) =>
            answer<ObjectiveSummary>(await api.GET('/objectives/{id}', { params: { path: { id: childId }, query: { asOf } }, signal })),
          ),
        );
      return answer<Paged<ObjectiveSummary>>(
        await api.GET('/objectives', { params: { query: { parentId: objective.id, limit: 200 } }, signal }),
      ).items;
    },
    `${objective.id} ${objective.childIds.join(',')}`,
  );
  return (
    <>
      <h2>Aligned objectives ({objective.childIds.length})</h2>
      {objective.childIds.length === 0 && <p className="muted">No objective is aligned under this one.</p>}
      {objective.childIds.length > 0 && children.status === 'loading' && <p className="muted">Loading…</p>}
      {children.status === 'failed' && <LoadError error={children.error} notFound="The aligned objectives could not be read." />}
      {children.status === 'done' && children.data.length > 0 && (
        <div className="table-wrap">
          <table className="simple-table">
            <thead>
              <tr>
                <th scope="col">Objective</th>
                <th scope="col" className="opt">
                  Owner · team
                </th>
                <th scope="col">Rolled up</th>
                <th scope="col">Health</th>
              </tr>
            </thead>
            <tbody>
              {children.data.map((child) => (
                <tr key={child.id}>
                  <td>
                    <Link to={`/objectives/${child.id}`}>{child.title}</Link>
                  </td>
                  <td className="opt muted">
                    {child.ownerId ? (directory?.users.get(child.ownerId) ?? '…') : 'No owner'}
                    {child.teamId && ` · ${directory?.teams.get(child.teamId) ?? '…'}`}
                  </td>
                  <td className="num">
                    <Bar value={child.rollup} />
                  </td>
                  <td>
                    <HealthBadge health={child.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

const HISTORY_PAGE = 20;

/**
 * The objective's history (its key results' and initiatives' too), newest first, as sentences; older pages on
 * demand. "As of": only what was recorded until then.
 */
function History({ id, asOf }: { id: string; asOf?: string }) {
  const [older, setOlder] = useState<{ entries: HistoryEntry[]; next: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useAsync(
    async (signal) =>
      answer<Paged<HistoryEntry>>(
        await api.GET('/objectives/{id}/history', { params: { path: { id }, query: { limit: HISTORY_PAGE, order: 'desc' } }, signal }),
      ),
    id,
  );
  if (first.status !== 'done')
    return (
      <>
        <h2>History</h2>
        {first.status === 'failed' ? (
          <LoadError error={first.error} notFound="The history could not be read." />
        ) : (
          <p className="muted">Loading…</p>
        )}
      </>
    );
  const entries = [...first.data.items, ...(older?.entries ?? [])].filter((e) => !asOf || e.recordedAt <= asOf);
  const next = older ? older.next : first.data.nextCursor;
  const loadOlder = async () => {
    setBusy(true);
    try {
      const page = answer<Paged<HistoryEntry>>(
        await api.GET('/objectives/{id}/history', {
          params: { path: { id }, query: { limit: HISTORY_PAGE, order: 'desc', cursor: next! } },
        }),
      );
      setOlder({ entries: [...(older?.entries ?? []), ...page.items], next: page.nextCursor });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <h2>History</h2>
      {asOf && <p className="muted">What was recorded until {formatDateTime(asOf)}.</p>}
      <ol className="history">
        {entries.map((entry) => (
          <li key={entry.position}>
            <time dateTime={entry.recordedAt}>{formatDateTime(entry.recordedAt)}</time> <span>{entry.summary}</span>
          </li>
        ))}
      </ol>
      {next && (
        <button type="button" onClick={() => void loadOlder()} disabled={busy}>
          {busy ? 'Loading…' : 'Show older changes'}
        </button>
      )}
    </>
  );
}
