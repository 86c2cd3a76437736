import { useEffect, useRef, useState, type ReactNode } from 'react';
import { api } from '../../api/client';
import { answer } from '../../api/problem';
import type { Role, TeamView } from '../../api/views';
import { useMe } from '../../app/session';
import { CheckboxGroup, ConfirmButton, Field, FormButtons, FormErrors, LoadError, useData, useEditor, useForm } from '../../forms/forms';
import { postHeaders } from '../../forms/write';
import type { AdminUser, CreatedUser, TokenAnswer } from './identity-api';
import './admin.css';

const ROLES: Role[] = ['admin', 'editor', 'viewer'];
const ROLE_LABEL: Record<Role, string> = { admin: 'Admin', editor: 'Editor', viewer: 'Viewer' };
const ROLE_HINT: Record<Role, string> = {
  admin: 'Everything, and manages people',
  editor: 'Plans and checks in',
  viewer: 'Sees, changes nothing',
};

/** A token on screen: who it is for, and whether it was just made for a new user or replaces an old one. */
interface ShownToken {
  name: string;
  token: string;
  replaced: boolean;
}

/**
 * Admin: the tenant's people, their roles and teams; a new person and their token, shown once; a new token for
 * someone who lost theirs; a token revoked (its sessions end with it).
 */
export default function AdminScreen() {
  const me = useMe();
  if (me.role !== 'admin')
    return (
      <section className="page">
        <h1>Admin</h1>
        <p>Only administrators manage people and their tokens.</p>
      </section>
    );
  return <People />;
}

function People() {
  const me = useMe();
  const people = useData(async (signal) => answer<{ items: AdminUser[] }>(await api.GET('/users', { signal })).items, 'users');
  const teams = useData(async (signal) => answer<{ items: TeamView[] }>(await api.GET('/teams', { signal })).items, 'teams');
  const [creating, setCreating] = useState(false);
  const { editing, open: edit, close: closeEditor } = useEditor<string>();
  const [shown, setShown] = useState<ShownToken | null>(null);

  if (people.error) return <LoadError error={people.error} notFound="Not found." />;
  if (teams.error) return <LoadError error={teams.error} notFound="Not found." />;
  if (!people.data || !teams.data) return <p className="page-status">Loading the people…</p>;
  const teamName = new Map(teams.data.map((t) => [t.id, t.name]));
  const users = [...people.data].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <section className="page admin">
      <div className="page-head">
        <h1>People and tokens</h1>
        {!creating && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New person
          </button>
        )}
      </div>
      {shown && <TokenOnce shown={shown} onDone={() => setShown(null)} />}
      {creating && (
        <div className="editor">
          <NewUserForm
            onCancel={() => setCreating(false)}
            onCreated={(name, token) => {
              setCreating(false);
              setShown({ name, token, replaced: false });
              people.reload();
            }}
          />
        </div>
      )}
      <div className="table-wrap">
        <table className="data-table people">
          <caption className="sr-only">The people of your organisation</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col" className="opt">
                Teams
              </th>
              <th scope="col">Token</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <UserRow
                key={user.id}
                user={user}
                isMe={user.id === me.id}
                teams={user.teamIds.map((id) => teamName.get(id) ?? 'a team no longer there')}
                editing={editing === user.id}
                busy={editing !== null || creating}
                onEdit={() => edit(user.id)}
                editor={
                  <EditUserForm
                    user={user}
                    teams={teams.data!}
                    onCancel={() => closeEditor()}
                    onDone={() => {
                      closeEditor();
                      people.reload();
                    }}
                  />
                }
                onToken={(token) => {
                  setShown({ name: user.name, token, replaced: true });
                  people.reload();
                }}
                onRevoked={people.reload}
              />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function UserRow({
  user,
  isMe,
  teams,
  editing,
  busy,
  onEdit,
  editor,
  onToken,
  onRevoked,
}: {
  user: AdminUser;
  isMe: boolean;
  teams: string[];
  editing: boolean;
  busy: boolean;
  onEdit(): void;
  editor: ReactNode;
  onToken(token: string): void;
  onRevoked(): void;
}) {
  const revoked = !user.hasToken;
  return (
    <>
      <tr>
        <td>
          <strong>{user.name}</strong>
          {isMe && <span className="muted"> (you)</span>}
          <span className="narrow-only muted">{teams.length > 0 ? teams.join(', ') : 'No team'}</span>
        </td>
        <td>{ROLE_LABEL[user.role]}</td>
        <td className="opt">{teams.length > 0 ? teams.join(', ') : <span className="muted">none</span>}</td>
        <td>{revoked ? <span className="token-revoked">Revoked</span> : 'Active'}</td>
        <td>
          {!busy && (
            <div className="actions">
              <button type="button" onClick={onEdit} aria-label={`Edit ${user.name}`}>
                Edit
              </button>
              <ConfirmButton
                label={revoked ? 'Issue a token' : 'New token'}
                question={
                  revoked ? (
                    <>
                      Issue a token for <strong>{user.name}</strong>? They can sign in with it again.
                    </>
                  ) : (
                    <>
                      Issue a new token for <strong>{user.name}</strong>? Their current token stops working and their sessions end.
                    </>
                  )
                }
                confirmLabel="Issue the token"
                onConfirm={async () => {
                  const issued = answer<TokenAnswer>(
                    await api.POST('/users/{id}/token', { params: { path: { id: user.id } }, headers: postHeaders() }),
                  );
                  onToken(issued.token);
                  return issued;
                }}
              />
              {!revoked && (
                <ConfirmButton
                  label="Revoke"
                  danger
                  question={
                    <>
                      Revoke the token of <strong>{user.name}</strong>? They are signed out everywhere and cannot sign in until you issue a
                      new one.
                    </>
                  }
                  confirmLabel="Revoke the token"
                  onConfirm={async () => {
                    const result = await api.DELETE('/users/{id}/token', { params: { path: { id: user.id } } });
                    answer(result);
                    onRevoked();
                    return result;
                  }}
                />
              )}
            </div>
          )}
        </td>
      </tr>
      {editing && (
        <tr className="editor-row">
          <td colSpan={5}>
            <div className="editor">{editor}</div>
          </td>
        </tr>
      )}
    </>
  );
}

/**
 * A token just made: shown this once, with a button to copy it. The server keeps only its hash, so once this panel is
 * closed nobody can see it again; a lost token is replaced with a new one.
 */
function TokenOnce({ shown, onDone }: { shown: ShownToken; onDone(): void }) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const field = useRef<HTMLInputElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => panel.current?.focus(), [shown]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(shown.token);
      setCopied('yes');
    } catch {
      // No clipboard (a page served over plain http): the token is selected for the user to copy.
      field.current?.select();
      setCopied('no');
    }
  };
  return (
    <div className="token-once" ref={panel} tabIndex={-1} role="region" aria-labelledby="token-once-title">
      <h2 id="token-once-title">{shown.replaced ? `New token for ${shown.name}` : `${shown.name} can now sign in`}</h2>
      <p>
        <strong>Copy this token now: you will not see it again.</strong> Give it to {shown.name} in a safe way; they sign in with it. Only
        its fingerprint is stored, so a lost token is replaced with a new one.
      </p>
      <div className="token-line">
        <label htmlFor="token-once-value" className="sr-only">
          Token for {shown.name}
        </label>
        <input id="token-once-value" ref={field} className="mono" readOnly value={shown.token} onFocus={(e) => e.target.select()} />
        <button type="button" className="primary" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <p role="status" className="copy-status">
        {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'no' ? 'The token is selected: copy it with Ctrl+C (⌘C on a Mac).' : ''}
      </p>
      <button type="button" onClick={onDone}>
        I have copied it
      </button>
    </div>
  );
}

function RoleField({ value, onChange, error }: { value: Role; onChange(role: Role): void; error?: string }) {
  return (
    <Field label="Role" error={error} hint={ROLE_HINT[value]}>
      {(props) => (
        <select {...props} value={value} onChange={(e) => onChange(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABEL[r]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function NewUserForm({ onCreated, onCancel }: { onCreated(name: string, token: string): void; onCancel(): void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const form = useForm(
    async () => answer<CreatedUser>(await api.POST('/users', { body: { name, role }, headers: postHeaders() })),
    (created) => onCreated(name, created.token),
  );
  return (
    <form className="form" ref={form.formRef} onSubmit={form.submit} noValidate aria-label="New person">
      <h3>New person</h3>
      <Field label="Name" error={form.fieldError('name')}>
        {(props) => <input {...props} ref={first} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />}
      </Field>
      <RoleField value={role} onChange={setRole} error={form.fieldError('role')} />
      <FormErrors error={form.error} fields={['name', 'role']} />
      <FormButtons busy={form.busy} label="Create and show the token" onCancel={onCancel} />
    </form>
  );
}

/** Name, role and teams of a person (only what changed is sent: each change is an event of its own). */
function EditUserForm({ user, teams, onDone, onCancel }: { user: AdminUser; teams: TeamView[]; onDone(): void; onCancel(): void }) {
  const [name, setName] = useState(user.name);
  const [role, setRole] = useState<Role>(user.role);
  const [teamIds, setTeamIds] = useState<string[]>(user.teamIds);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const form = useForm(async () => {
    const body: { name?: string; role?: Role; teamIds?: string[] } = {};
    if (name !== user.name) body.name = name;
    if (role !== user.role) body.role = role;
    if ([...teamIds].sort().join() !== [...user.teamIds].sort().join()) body.teamIds = teamIds;
    if (Object.keys(body).length === 0) return undefined;
    return answer(await api.PATCH('/users/{id}', { params: { path: { id: user.id } }, body }));
  }, onDone);
  return (
    <form className="form" ref={form.formRef} onSubmit={form.submit} noValidate aria-label={`Edit ${user.name}`}>
      <h3>Edit {user.name}</h3>
      <Field label="Name" error={form.fieldError('name')}>
        {(props) => <input {...props} ref={first} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />}
      </Field>
      <RoleField value={role} onChange={setRole} error={form.fieldError('role')} />
      <CheckboxGroup
        legend="Teams"
        error={form.fieldError('teamIds')}
        options={[...teams].sort((a, b) => a.name.localeCompare(b.name)).map((t) => ({ id: t.id, label: t.name }))}
        checked={teamIds}
        onChange={setTeamIds}
        empty="No team yet: teams are made in Plan."
      />
      <FormErrors error={form.error} fields={['name', 'role', 'teamIds']} />
      <FormButtons busy={form.busy} label="Save" onCancel={onCancel} />
    </form>
  );
}
