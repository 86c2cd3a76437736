import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { answer } from '../../api/problem';
import type { TeamView } from '../../api/views';
import { useMe } from '../../app/session';
import { Field, FormButtons, FormErrors, LoadError, useData, useEditor, useForm } from '../../forms/forms';
import { ifMatch, postHeaders } from '../../forms/write';
import { nullable, type CreateAnswer, type TeamDetail, type WriteAnswer, type Directory } from './plan-api';

/** Teams in reading order, each under its parent, with its depth. */
function teamTree(teams: readonly TeamView[]): { team: TeamView; depth: number }[] {
  const ids = new Set(teams.map((t) => t.id));
  const children = new Map<string | null, TeamView[]>();
  for (const t of teams) {
    const parent = t.parentTeamId && ids.has(t.parentTeamId) ? t.parentTeamId : null;
    children.set(parent, [...(children.get(parent) ?? []), t]);
  }
  const out: { team: TeamView; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const team of [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name))) {
      if (seen.has(team.id)) continue;
      seen.add(team.id);
      out.push({ team, depth });
      walk(team.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** The tenant's teams: a new one, a rename, a move under another team. */
export function TeamsPanel({ directory, onChanged }: { directory: Directory; onChanged(): void }) {
  const canWrite = useMe().role !== 'viewer';
  const { editing, open: edit, close: closeEditor } = useEditor<string>();
  const rows = teamTree(directory.teams);
  const done = () => {
    closeEditor();
    onChanged();
  };
  return (
    <section className="panel" aria-labelledby="plan-teams">
      <header className="panel-head">
        <h2 id="plan-teams">Teams</h2>
        {canWrite && editing === null && (
          <button type="button" onClick={() => edit('new')}>
            New team
          </button>
        )}
      </header>
      {editing === 'new' && (
        <div className="editor">
          <TeamForm directory={directory} onDone={done} onCancel={() => closeEditor()} />
        </div>
      )}
      {rows.length === 0 && <p className="muted">No team yet.</p>}
      <ul className="plan-teams">
        {rows.map(({ team, depth }) => (
          <li key={team.id} style={{ paddingLeft: `${Math.min(depth, 8) * 1.1}rem` }}>
            <span className="team-name">{team.name}</span>
            {canWrite && editing === null && (
              <button type="button" className="link-button" onClick={() => edit(team.id)} aria-label={`Edit ${team.name}`}>
                Edit
              </button>
            )}
            {editing === team.id && (
              <div className="editor">
                <EditTeam teamId={team.id} directory={directory} onDone={done} onCancel={() => closeEditor()} />
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A team as it is now (its version for If-Match). */
function EditTeam({ teamId, ...props }: { teamId: string; directory: Directory; onDone(): void; onCancel(): void }) {
  const current = useData(
    async (signal) => answer<TeamDetail>(await api.GET('/teams/{id}', { params: { path: { id: teamId } }, signal })),
    teamId,
  );
  if (current.error) return <LoadError error={current.error} notFound="This team no longer exists." />;
  if (!current.data) return <p className="page-status">Loading the team…</p>;
  return <TeamForm key={current.data.version} {...props} existing={current.data} onStale={current.reload} />;
}

function TeamForm({
  directory,
  existing,
  onDone,
  onCancel,
  onStale,
}: {
  directory: Directory;
  existing?: TeamDetail;
  onDone(): void;
  onCancel(): void;
  onStale?(): void;
}) {
  const [name, setName] = useState(existing?.name ?? '');
  const [parentTeamId, setParentTeamId] = useState(existing?.parentTeamId ?? '');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const form = useForm(async () => {
    const body = { name, parentTeamId: nullable(parentTeamId) };
    if (!existing) return answer<CreateAnswer>(await api.POST('/teams', { body, headers: postHeaders() }));
    return answer<WriteAnswer>(
      await api.PATCH('/teams/{id}', { params: { path: { id: existing.id } }, body, headers: ifMatch(existing.version) }),
    );
  }, onDone);
  const label = existing ? `Edit the team ${existing.name}` : 'New team';
  return (
    <form className="form" ref={form.formRef} onSubmit={form.submit} noValidate aria-label={label}>
      <h3>{existing ? 'Edit the team' : 'New team'}</h3>
      <Field label="Name" error={form.fieldError('name')}>
        {(props) => <input {...props} ref={first} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field label="Part of" error={form.fieldError('parentTeamId')}>
        {(props) => (
          <select {...props} value={parentTeamId} onChange={(e) => setParentTeamId(e.target.value)}>
            <option value="">No parent team (top level)</option>
            {teamTree(directory.teams)
              .filter(({ team }) => team.id !== existing?.id)
              .map(({ team, depth }) => (
                <option key={team.id} value={team.id}>
                  {'\u00a0\u00a0'.repeat(Math.min(depth, 8))}
                  {team.name}
                </option>
              ))}
          </select>
        )}
      </Field>
      <FormErrors error={form.error} fields={['name', 'parentTeamId']} onStale={onStale} />
      <FormButtons busy={form.busy} label={existing ? 'Save the team' : 'Create the team'} onCancel={onCancel} />
    </form>
  );
}
