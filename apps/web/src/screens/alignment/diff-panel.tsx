import { Link } from 'react-router';
import type { CycleDiff, RecordedChange } from '../../api/views';
import { formatDate, formatDateTime, percent, points, formatNumber } from '../../app/format';
import { HEALTH_LABEL } from '../../app/health';
import { Capped } from '../shared/figures';

const FIRST = 10;

function Who({ changes }: { changes?: RecordedChange[] }) {
  if (!changes || changes.length === 0) return null;
  return (
    <ul className="who-why">
      {changes.map((c) => (
        <li key={c.position}>
          {formatNumber(c.from)} → {formatNumber(c.to)} by <strong>{c.actor.name}</strong> on {formatDateTime(c.recordedAt)}
          {c.reason ? <>: &ldquo;{c.reason}&rdquo;</> : null}
        </li>
      ))}
    </ul>
  );
}

/** What changed in the cycle between two dates: progress that moved, goalposts moved (who and why), structure. */
export function DiffPanel({ diff, onClose }: { diff: CycleDiff; onClose: () => void }) {
  const moved = [...diff.progress].sort((a, b) => Math.abs(b.rollup.delta) - Math.abs(a.rollup.delta));
  const { objectives, keyResults } = diff;
  const structure = [
    ...objectives.added.map((o) => ({ id: o.id, title: o.title, what: 'objective added' })),
    ...objectives.closed.map((o) => ({
      id: o.id,
      title: o.title,
      what: `closed${o.score === null ? '' : `, scored ${percent(o.score)}`}`,
    })),
    ...objectives.archived.map((o) => ({ id: o.id, title: o.title, what: 'archived' })),
    ...objectives.realigned.map((o) => ({ id: o.id, title: o.title, what: 'realigned under another parent or weight' })),
    ...keyResults.added.map((k) => ({ id: k.objectiveId, title: k.title, what: 'key result added' })),
    ...keyResults.removed.map((k) => ({ id: k.objectiveId, title: k.title, what: 'key result removed' })),
  ];
  return (
    <section className="card diff" aria-labelledby="diff-title">
      <div className="diff-head">
        <h2 id="diff-title">
          Changes from {formatDate(diff.from)} to {formatDate(diff.to)}
        </h2>
        <button type="button" onClick={onClose}>
          Stop comparing
        </button>
      </div>
      <div className="diff-columns">
        <div>
          <h3>What moved ({moved.length})</h3>
          <Capped
            first={FIRST}
            className="diff-list"
            items={moved}
            empty="No objective moved."
            render={(p) => (
              <li key={p.id}>
                <Link to={`/objectives/${p.id}`}>{p.title}</Link>: {percent(p.rollup.from)} → {percent(p.rollup.to)} (
                {points(p.rollup.delta)})
                {p.status.from !== p.status.to && (
                  <>
                    , {HEALTH_LABEL[p.status.from]} → {HEALTH_LABEL[p.status.to]}
                  </>
                )}
              </li>
            )}
          />
        </div>
        <div>
          <h3>Targets changed ({keyResults.targetChanged.length})</h3>
          <Capped
            first={FIRST}
            className="diff-list"
            items={keyResults.targetChanged}
            empty="No target changed."
            render={(k) => (
              <li key={k.id}>
                <Link to={`/objectives/${k.objectiveId}`}>{k.title}</Link>: {formatNumber(k.from)} → {formatNumber(k.to)}
                <Who changes={k.changes} />
              </li>
            )}
          />
          {keyResults.weightChanged.length > 0 && (
            <>
              <h3>Weights changed ({keyResults.weightChanged.length})</h3>
              <Capped
                first={FIRST}
                className="diff-list"
                items={keyResults.weightChanged}
                empty=""
                render={(k) => (
                  <li key={k.id}>
                    <Link to={`/objectives/${k.objectiveId}`}>{k.title}</Link>: {formatNumber(k.from)} → {formatNumber(k.to)}
                    <Who changes={k.changes} />
                  </li>
                )}
              />
            </>
          )}
          <h3>Added, closed, archived, realigned ({structure.length})</h3>
          <Capped
            first={FIRST}
            className="diff-list"
            items={structure}
            empty="Nothing added, closed or archived."
            render={(s) => (
              <li key={`${s.id} ${s.what} ${s.title}`}>
                <Link to={`/objectives/${s.id}`}>{s.title}</Link>: {s.what}
              </li>
            )}
          />
        </div>
      </div>
    </section>
  );
}
