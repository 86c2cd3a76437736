import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { answer } from '../../api/problem';
import type { AlignmentAnswer, CycleSummary, TeamView, UserView } from '../../api/views';
import { dateInput, formatDate } from '../../app/format';
import { useMe } from '../../app/session';
import { LoadError, useData, useEditor } from '../../forms/forms';
import { CloseCycleButton, NewCycleForm } from './cycle-forms';
import { ObjectiveForm } from './objective-forms';
import { ObjectiveList, flatten } from './objective-list';
import { ObjectivePanel } from './objective-panel';
import { TeamsPanel } from './teams-panel';
import type { Directory } from './plan-api';
import './plan.css';

/** The cycle shown when the URL names none: the open one running today (the latest started), else the latest. */
function currentCycle(cycles: readonly CycleSummary[], today = dateInput(new Date())): CycleSummary | undefined {
  const running = cycles.filter((c) => c.status === 'open' && c.startsOn <= today && today <= c.endsOn);
  return (running.length > 0 ? running : cycles).at(-1);
}

/**
 * Plan: cycles, teams, objectives (aligned under a parent, with a weight), key results and initiatives, created and
 * changed through the API's own rules and messages; closing, grading, archiving, carrying over. `?cycle=` and
 * `?objective=` name what is open, so a plan can be shared as a link. Viewers see it without any write control.
 */
export default function PlanScreen() {
  const me = useMe();
  const canWrite = me.role !== 'viewer';
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const [creatingCycle, setCreatingCycle] = useState(false);
  const cycles = useData(async (signal) => answer<{ items: CycleSummary[] }>(await api.GET('/cycles', { signal })).items, 'cycles');
  const directory = useData<Directory>(async (signal) => {
    const [users, teams] = await Promise.all([api.GET('/users', { signal }), api.GET('/teams', { signal })]);
    return { users: answer<{ items: UserView[] }>(users).items, teams: answer<{ items: TeamView[] }>(teams).items };
  }, 'directory');

  if (cycles.error) return <LoadError error={cycles.error} notFound="Not found." />;
  if (directory.error) return <LoadError error={directory.error} notFound="Not found." />;
  if (!cycles.data || !directory.data) return <p className="page-status">Loading the plan…</p>;

  const cycleId = params.get('cycle');
  const cycle = cycleId ? cycles.data.find((c) => c.id === cycleId) : currentCycle(cycles.data);
  const go = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) next.delete(key);
      else next.set(key, value);
    }
    setParams(next);
  };
  const newCycle = creatingCycle && (
    <NewCycleForm
      onCancel={() => setCreatingCycle(false)}
      onCreated={(id) => {
        setCreatingCycle(false);
        cycles.reload();
        navigate(`/plan?cycle=${encodeURIComponent(id)}`);
      }}
    />
  );

  return (
    <section className="page plan">
      <div className="page-head">
        <h1>Plan</h1>
        <div className="actions">
          {cycles.data.length > 0 && (
            <div className="field">
              <label htmlFor="plan-cycle">Cycle</label>
              <select id="plan-cycle" value={cycle?.id ?? ''} onChange={(event) => go({ cycle: event.target.value, objective: undefined })}>
                {!cycle && <option value="">Choose a cycle</option>}
                {cycles.data.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name} ({formatDate(c.startsOn)} – {formatDate(c.endsOn)}){c.status === 'closed' ? ', closed' : ''}
                  </option>
                ))}
              </select>
            </div>
          )}
          {canWrite && !creatingCycle && (
            <button type="button" onClick={() => setCreatingCycle(true)}>
              New cycle
            </button>
          )}
        </div>
      </div>
      {newCycle}
      {cycles.data.length === 0 && !creatingCycle && (
        <p>
          No cycle yet. {canWrite ? 'Schedule the first one with “New cycle”.' : 'An editor schedules cycles and sets their objectives.'}
        </p>
      )}
      {cycles.data.length > 0 && !cycle && (
        <div role="alert">
          <h2>Cycle not found</h2>
          <p>
            No cycle of yours has this address. <Link to="/plan">Show the current cycle</Link>.
          </p>
        </div>
      )}
      {cycle && (
        <CyclePlan
          key={cycle.id}
          cycle={cycle}
          cycles={cycles.data}
          directory={directory.data}
          objectiveId={params.get('objective') ?? undefined}
          select={(objective) => go({ cycle: cycle.id, objective })}
          onCycleChanged={cycles.reload}
          onTeamsChanged={directory.reload}
        />
      )}
    </section>
  );
}

function CyclePlan({
  cycle,
  cycles,
  directory,
  objectiveId,
  select,
  onCycleChanged,
  onTeamsChanged,
}: {
  cycle: CycleSummary;
  cycles: CycleSummary[];
  directory: Directory;
  objectiveId: string | undefined;
  select(objectiveId: string | undefined): void;
  onCycleChanged(): void;
  onTeamsChanged(): void;
}) {
  const me = useMe();
  const canWrite = me.role !== 'viewer';
  const { editing: creating, open: edit, close: closeEditor } = useEditor<true>();
  const tree = useData(
    async (signal) => answer<AlignmentAnswer>(await api.GET('/cycles/{id}/alignment', { params: { path: { id: cycle.id } }, signal })),
    cycle.id,
  );
  const rows = useMemo(() => (tree.data ? flatten(tree.data.roots) : []), [tree.data]);
  const open = cycle.status === 'open';

  return (
    <>
      <div className="cycle-bar">
        <p>
          <strong>{cycle.name}</strong>: {formatDate(cycle.startsOn)} – {formatDate(cycle.endsOn)} ·{' '}
          {open ? 'open' : `closed${cycle.closedAt ? ` on ${formatDate(cycle.closedAt)}` : ''}`}
          {tree.data && <> · {tree.data.objectives === 1 ? '1 objective' : `${tree.data.objectives} objectives`}</>} ·{' '}
          <Link to={`/alignment?cycle=${encodeURIComponent(cycle.id)}`}>See its alignment</Link>
        </p>
        {me.role === 'admin' && open && (
          <CloseCycleButton
            cycle={cycle}
            onClosed={() => {
              onCycleChanged();
              tree.reload();
            }}
          />
        )}
      </div>

      <div className="plan-layout">
        <section className="panel" aria-labelledby="plan-objectives">
          <header className="panel-head">
            <h2 id="plan-objectives">Objectives</h2>
            {canWrite && open && !creating && (
              <button type="button" className="primary" onClick={() => edit(true)}>
                New objective
              </button>
            )}
          </header>
          {creating && (
            <div className="editor">
              <ObjectiveForm
                cycleId={cycle.id}
                directory={directory}
                objectives={rows}
                onCancel={() => closeEditor()}
                onSaved={(id) => {
                  closeEditor();
                  tree.reload();
                  select(id);
                }}
              />
            </div>
          )}
          {tree.error ? (
            <LoadError error={tree.error} notFound="Not found: this cycle does not exist, or is not yours to see." />
          ) : !tree.data ? (
            <p className="page-status">Loading the objectives…</p>
          ) : (
            <ObjectiveList rows={rows} selected={objectiveId} cycleId={cycle.id} />
          )}
        </section>

        <div className="plan-detail">
          {objectiveId ? (
            <ObjectivePanel
              key={objectiveId}
              objectiveId={objectiveId}
              cycle={cycle}
              cycles={cycles}
              directory={directory}
              objectives={rows}
              onChanged={tree.reload}
              onClose={() => select(undefined)}
            />
          ) : (
            <p className="panel muted">
              {canWrite
                ? 'Choose an objective to see and change its key results and initiatives.'
                : 'Choose an objective to see its key results and initiatives.'}
            </p>
          )}
        </div>
      </div>

      <TeamsPanel directory={directory} onChanged={onTeamsChanged} />
    </>
  );
}
