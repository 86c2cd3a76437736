import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { answer } from '../../api/problem';
import type { CycleSummary } from '../../api/views';
import { percent, formatNumber } from '../../app/format';
import { useMe } from '../../app/session';
import { ConfirmButton, LoadError, useData, useEditor } from '../../forms/forms';
import { ifMatch, postHeaders } from '../../forms/write';
import { InitiativeList } from './initiative-list';
import { AddKeyResultForm, EditKeyResultForm, GradeForm } from './key-result-forms';
import { CarryOverForm, CloseObjectiveForm, ObjectiveForm } from './objective-forms';
import type { PlanRow } from './objective-list';
import { METRIC_LABEL, type KeyResultView, type ObjectiveDetail, type WriteAnswer, type Directory } from './plan-api';

type Editing =
  { what: 'objective' | 'child' | 'close' | 'carry-over' | 'add-key-result' } | { what: 'key-result' | 'grade'; id: string } | null;

/** "Increase 40 → 60 customers", "Stay at or below 2 s", "Milestone". */
function metricText({ metric }: KeyResultView): string {
  const unit = metric.unit ? ` ${metric.unit}` : '';
  switch (metric.type) {
    case 'increase':
    case 'decrease':
      return `${metric.type === 'increase' ? 'Increase' : 'Decrease'} ${formatNumber(metric.start)} → ${formatNumber(metric.target)}${unit}`;
    case 'atLeast':
      return `At least ${formatNumber(metric.target)}${unit}`;
    case 'atMost':
      return `At most ${formatNumber(metric.target)}${unit}`;
    case 'milestone':
      return METRIC_LABEL.milestone;
  }
}

/** One objective of the plan: what it is and where it is aligned, its key results and initiatives, and what can be done to them. */
export function ObjectivePanel({
  objectiveId,
  cycle,
  cycles,
  directory,
  objectives,
  onChanged,
  onClose,
}: {
  objectiveId: string;
  cycle: CycleSummary;
  cycles: CycleSummary[];
  directory: Directory;
  objectives: PlanRow[];
  /** After a write: the list beside shows it too. */
  onChanged(): void;
  onClose(): void;
}) {
  const me = useMe();
  const detail = useData(
    async (signal) => answer<ObjectiveDetail>(await api.GET('/objectives/{id}', { params: { path: { id: objectiveId } }, signal })),
    objectiveId,
  );
  const { editing, open: edit, close: closeEditor } = useEditor<Editing>();
  const [notice, setNotice] = useState<ReactNode>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [detail.data?.id]);

  if (detail.error)
    return (
      <section className="panel" aria-label="Objective">
        <h2>Objective not found</h2>
        <LoadError error={detail.error} notFound="No objective of yours has this address: it does not exist, or is not yours to see." />
        <button type="button" className="link-button" onClick={onClose}>
          Back to the list
        </button>
      </section>
    );
  const objective = detail.data;
  if (!objective) return <p className="panel page-status">Loading the objective…</p>;

  const canWrite = me.role !== 'viewer';
  const open = objective.lifecycle === 'open';
  const userName = (id: string | null) => (id ? (directory.users.find((u) => u.id === id)?.name ?? 'Someone') : 'No owner');
  const team = directory.teams.find((t) => t.id === objective.teamId);
  const parent = objectives.find((r) => r.node.id === objective.parentObjectiveId);
  const keyResults = objective.keyResults.filter((k) => !k.removed);
  const done = (message?: ReactNode) => {
    closeEditor();
    setNotice(message ?? null);
    detail.reload();
    onChanged();
  };
  const cancel = closeEditor;
  const editor = (content: ReactNode) => <div className="editor">{content}</div>;

  return (
    <section className="panel objective-panel" aria-labelledby="objective-title">
      <header className="panel-head">
        <h2 id="objective-title" ref={heading} tabIndex={-1}>
          {objective.title}
        </h2>
        <button type="button" className="link-button" onClick={onClose}>
          Back to the list
        </button>
      </header>
      <p className="objective-facts">
        <span className="kind">{objective.kind === 'aspirational' ? 'Aspirational' : 'Committed'}</span>{' '}
        {objective.lifecycle !== 'open' && <span className="badge">{objective.lifecycle === 'closed' ? 'Closed' : 'Archived'}</span>}{' '}
        {objective.ownerId ? (
          <>
            Owner <strong>{userName(objective.ownerId)}</strong>
          </>
        ) : (
          'No owner'
        )}{' '}
        ·{' '}
        {team ? (
          <>
            Team <strong>{team.name}</strong>
          </>
        ) : (
          'No team'
        )}{' '}
        · Progress <strong>{percent(objective.progress)}</strong>, rolled up <strong>{percent(objective.rollup)}</strong>
        {objective.score !== null && (
          <>
            {' '}
            · Score <strong>{formatNumber(objective.score)}</strong>
          </>
        )}
      </p>
      <p className="objective-facts">
        {objective.parentObjectiveId === null ? (
          'Not aligned under another objective.'
        ) : (
          <>
            Aligned under <strong>{parent ? parent.node.title : 'an objective of another cycle'}</strong> with weight{' '}
            {formatNumber(objective.alignmentWeight ?? 1)}.
          </>
        )}
        {objective.cycleId !== cycle.id && <> This objective belongs to another cycle.</>}
      </p>
      {objective.description && <p className="description">{objective.description}</p>}
      {objective.carriedOverTo.length > 0 && (
        <p className="objective-facts">
          Carried over into{' '}
          {objective.carriedOverTo.map((c, i) => (
            <span key={c.objectiveId}>
              {i > 0 && ', '}
              <Link to={`/plan?cycle=${encodeURIComponent(c.cycleId)}&objective=${encodeURIComponent(c.objectiveId)}`}>
                {cycles.find((x) => x.id === c.cycleId)?.name ?? 'another cycle'}
              </Link>
            </span>
          ))}
          .
        </p>
      )}
      {notice && (
        <div className="notice" role="status">
          {notice}
        </div>
      )}

      {canWrite && objective.lifecycle !== 'archived' && editing === null && (
        <div className="actions">
          {open && (
            <button type="button" onClick={() => edit({ what: 'objective' })}>
              Edit
            </button>
          )}
          {open && (
            <button type="button" onClick={() => edit({ what: 'child' })}>
              New objective under it
            </button>
          )}
          {open && (
            <button type="button" onClick={() => edit({ what: 'close' })}>
              Close…
            </button>
          )}
          <button type="button" onClick={() => edit({ what: 'carry-over' })}>
            Carry over…
          </button>
          <ConfirmButton
            label="Archive"
            danger
            question={
              <>
                Archive <strong>{objective.title}</strong>? It leaves the plan, the alignment tree and the rollups; its history stays.
              </>
            }
            confirmLabel="Archive it"
            onConfirm={async () => {
              const archived = answer<WriteAnswer>(
                await api.POST('/objectives/{id}/archive', {
                  params: { path: { id: objective.id } },
                  headers: postHeaders(objective.version),
                }),
              );
              onChanged();
              onClose();
              return archived;
            }}
          />
        </div>
      )}
      {editing?.what === 'objective' &&
        editor(
          <ObjectiveForm
            key={objective.version}
            cycleId={objective.cycleId}
            existing={objective}
            directory={directory}
            objectives={objectives}
            onSaved={() => done('The objective was saved.')}
            onCancel={cancel}
            onStale={detail.reload}
          />,
        )}
      {editing?.what === 'child' &&
        editor(
          <ObjectiveForm
            cycleId={cycle.id}
            parentId={objective.id}
            directory={directory}
            objectives={objectives}
            onSaved={(id) =>
              done(
                <>
                  The objective was created under this one.{' '}
                  <Link to={`/plan?cycle=${encodeURIComponent(cycle.id)}&objective=${encodeURIComponent(id)}`}>Open it</Link>.
                </>,
              )
            }
            onCancel={cancel}
          />,
        )}
      {editing?.what === 'close' &&
        editor(
          <CloseObjectiveForm
            key={objective.version}
            objective={objective}
            onDone={() => done('The objective was closed.')}
            onCancel={cancel}
            onStale={detail.reload}
          />,
        )}
      {editing?.what === 'carry-over' &&
        editor(
          <CarryOverForm
            key={objective.version}
            objective={objective}
            cycles={cycles}
            onDone={(carried, into) =>
              done(
                <>
                  Carried over into {into.name} with{' '}
                  {carried.keyResultIds.length === 1 ? '1 key result' : `${carried.keyResultIds.length} key results`}.{' '}
                  <Link to={`/plan?cycle=${encodeURIComponent(into.id)}&objective=${encodeURIComponent(carried.id)}`}>Open the copy</Link>.
                </>,
              )
            }
            onCancel={cancel}
            onStale={detail.reload}
          />,
        )}

      <h3>Key results</h3>
      {keyResults.length === 0 && <p className="muted">No key result yet: how will you know the objective is met?</p>}
      <ul className="plan-cards">
        {keyResults.map((kr) => (
          <li key={kr.id}>
            <p className="card-title">{kr.title}</p>
            <p className="card-facts">
              {metricText(kr)} · now {kr.metric.type === 'milestone' ? (kr.current >= 1 ? 'done' : 'not done') : formatNumber(kr.current)} ·{' '}
              {percent(kr.progress)} · weight {formatNumber(kr.weight)} · {userName(kr.ownerId)}
              {kr.grade !== null && <> · graded {formatNumber(kr.grade)}</>}
            </p>
            {canWrite && open && editing === null && (
              <div className="actions">
                <button type="button" onClick={() => edit({ what: 'key-result', id: kr.id })} aria-label={`Edit ${kr.title}`}>
                  Edit
                </button>
                <button type="button" onClick={() => edit({ what: 'grade', id: kr.id })} aria-label={`Grade ${kr.title}`}>
                  Grade
                </button>
                <ConfirmButton
                  label="Remove"
                  danger
                  question={
                    <>
                      Remove <strong>{kr.title}</strong> from the objective? It stops counting in its progress; its check-ins stay in the
                      history.
                    </>
                  }
                  confirmLabel="Remove it"
                  onConfirm={async () => {
                    const removed = answer<WriteAnswer>(
                      await api.DELETE('/key-results/{id}', { params: { path: { id: kr.id } }, headers: ifMatch(kr.version) }),
                    );
                    done('The key result was removed.');
                    return removed;
                  }}
                />
              </div>
            )}
            {editing?.what === 'key-result' &&
              editing.id === kr.id &&
              editor(
                <EditKeyResultForm
                  key={kr.version}
                  keyResult={kr}
                  onDone={() => done('The key result was saved.')}
                  onCancel={cancel}
                  onStale={detail.reload}
                />,
              )}
            {editing?.what === 'grade' &&
              editing.id === kr.id &&
              editor(
                <GradeForm
                  key={kr.version}
                  keyResult={kr}
                  onDone={() => done('The grade was saved.')}
                  onCancel={cancel}
                  onStale={detail.reload}
                />,
              )}
          </li>
        ))}
      </ul>
      {canWrite && open && editing === null && (
        <button type="button" onClick={() => edit({ what: 'add-key-result' })}>
          Add a key result
        </button>
      )}
      {editing?.what === 'add-key-result' &&
        editor(
          <AddKeyResultForm
            objective={objective}
            directory={directory}
            onDone={() => done('The key result was added.')}
            onCancel={cancel}
            onStale={detail.reload}
          />,
        )}

      <InitiativeList
        objective={objective}
        directory={directory}
        canWrite={canWrite && objective.lifecycle !== 'archived'}
        onChanged={() => done()}
      />
    </section>
  );
}
