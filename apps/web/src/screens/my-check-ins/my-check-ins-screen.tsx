import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { answer } from '../../api/problem';
import type { CheckInItem, CycleSummary, MyCheckIns } from '../../api/views';
import { daysAgo, formatDate } from '../../app/format';
import { useAsync } from '../../app/use-async';
import { useUrlState } from '../../app/url-state';
import { CheckInButton, type CheckedIn } from '../check-in/check-in-dialog';
import { formatValue } from '../check-in/metric';
import { dueText } from '../shared/due';
import { LoadError, useKept } from '../shared/figures';
import './my-check-ins.css';

const GROUPS = [
  { key: 'overdue', title: 'Overdue', empty: 'Nothing overdue.' },
  { key: 'due', title: 'Due soon', empty: 'Nothing due in the next two days.' },
  { key: 'upToDate', title: 'Up to date', empty: 'Nothing checked in yet.' },
] as const;

/**
 * My check-ins, a team lead's home: the key results I and my teams owe a check-in on, overdue first (then due soon,
 * then up to date), each one click from the check-in dialog; the list is read again after each check-in.
 */
export default function MyCheckInsScreen() {
  const [url, setUrl] = useUrlState();
  const [reloads, setReloads] = useState(0);
  const [notice, setNotice] = useState('');
  const cycles = useAsync(async (signal) => answer<{ items: CycleSummary[] }>(await api.GET('/cycles', { signal })).items, 'cycles');
  const state = useAsync(
    async (signal) =>
      answer<MyCheckIns>(await api.GET('/me/check-ins', { params: { query: url.cycle ? { cycleId: url.cycle } : {} }, signal })),
    `${url.cycle ?? ''} ${reloads}`,
  );
  const mine = useKept(state);
  const cycleOf = (id: string) => (cycles.status === 'done' ? cycles.data.find((c) => c.id === id) : undefined);
  const checkedIn = (done: CheckedIn) => {
    setNotice(`Checked in on ${done.title}: ${done.text}.`);
    setReloads((n) => n + 1);
  };
  const total = mine ? mine.overdue.length + mine.due.length + mine.upToDate.length : 0;

  return (
    <section className="page my-check-ins">
      <div className="page-head">
        <h1>My check-ins</h1>
        {cycles.status === 'done' && (
          <div className="field">
            <label htmlFor="cycle">Cycle</label>
            <select id="cycle" value={url.cycle ?? ''} onChange={(event) => setUrl({ cycle: event.target.value })}>
              <option value="">Every open cycle</option>
              {cycles.data.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                  {c.status === 'closed' ? ' (closed)' : ''}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <p className="muted">The key results you own, those of your objectives and your teams&rsquo; objectives.</p>
      <p className="notice" role="status">
        {notice}
      </p>
      {!mine && state.status === 'failed' && (
        <LoadError error={state.error} notFound="This cycle does not exist, or is not yours to see." />
      )}
      {!mine && state.status === 'loading' && <p className="page-status">Loading your check-ins…</p>}
      {mine && total === 0 && (
        <p className="page-status">You owe no check-in: no key result of an open cycle is yours or your teams&rsquo;.</p>
      )}
      {mine && total > 0 && (
        <>
          <p className="summary">
            <strong className={mine.overdue.length > 0 ? 'overdue-count' : undefined}>{mine.overdue.length} overdue</strong> ·{' '}
            {mine.due.length} due soon · {mine.upToDate.length} up to date
          </p>
          {GROUPS.map((group) => (
            <Group
              key={group.key}
              id={group.key}
              title={group.title}
              empty={group.empty}
              items={mine[group.key]}
              cycleOf={cycleOf}
              onCheckedIn={checkedIn}
            />
          ))}
        </>
      )}
    </section>
  );
}

interface GroupProps {
  id: string;
  title: string;
  empty: string;
  items: CheckInItem[];
  cycleOf(id: string): CycleSummary | undefined;
  onCheckedIn(done: CheckedIn): void;
}

function Group({ id, title, empty, items, cycleOf, onCheckedIn }: GroupProps) {
  const now = new Date();
  const headingId = `group-${id}`;
  return (
    <section className={`check-in-group group-${id}`} aria-labelledby={headingId}>
      <h2 id={headingId}>
        {title} ({items.length})
      </h2>
      {items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="owed-list">
          {items.map((item) => {
            const metric = { type: item.metricType, unit: item.unit };
            const cycle = cycleOf(item.cycleId);
            return (
              <li key={item.keyResultId} className="owed" data-key-result={item.keyResultId}>
                <div className="owed-what">
                  <span className="kr-title">{item.title}</span>
                  <Link className="secondary" to={`/objectives/${item.objectiveId}`}>
                    {item.objectiveTitle}
                  </Link>
                </div>
                <div className="owed-value">
                  <span className="kr-value">{formatValue(item.currentValue, metric)}</span>
                  {item.metricType !== 'milestone' && <span className="secondary">of {formatValue(item.target, metric)}</span>}
                </div>
                <div className="owed-when">
                  <span className={id === 'overdue' ? 'due overdue' : 'due'}>{dueText(item.dueAt, now)}</span>
                  <span className="secondary">
                    {formatDate(item.dueAt)} · {item.cadence} · last check-in{' '}
                    {item.lastCheckInAt ? daysAgo(item.lastCheckInAt, now) : 'never'}
                  </span>
                </div>
                <div className="owed-action">
                  {cycle && <CheckInButton keyResultId={item.keyResultId} title={item.title} cycle={cycle} onCheckedIn={onCheckedIn} />}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
