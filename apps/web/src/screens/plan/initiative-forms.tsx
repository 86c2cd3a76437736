import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { answer } from '../../api/problem';
import { CheckboxGroup, Field, FormButtons, FormErrors, LoadError, useData, useForm } from '../../forms/forms';
import { ifMatch, postHeaders } from '../../forms/write';
import { UserOptions } from './objective-forms';
import {
  INITIATIVE_STATUS_LABEL,
  nullable,
  type CreateAnswer,
  type InitiativeDetail,
  type InitiativeStatus,
  type ObjectiveDetail,
  type WriteAnswer,
  type Directory,
} from './plan-api';

const STATUSES = Object.keys(INITIATIVE_STATUS_LABEL) as InitiativeStatus[];

interface InitiativeFormProps {
  objective: ObjectiveDetail;
  directory: Directory;
  onDone(): void;
  onCancel(): void;
}

/** A new initiative (an output) linked to key results of the objective. */
export function NewInitiativeForm(props: InitiativeFormProps) {
  return <InitiativeFields {...props} />;
}

/** An initiative as it is now (read again: its version for If-Match, and its links to other objectives' key results). */
export function EditInitiativeForm({ initiativeId, ...props }: InitiativeFormProps & { initiativeId: string }) {
  const current = useData(
    async (signal) => answer<InitiativeDetail>(await api.GET('/initiatives/{id}', { params: { path: { id: initiativeId } }, signal })),
    initiativeId,
  );
  if (current.error) return <LoadError error={current.error} notFound="This initiative no longer exists." />;
  if (!current.data) return <p className="page-status">Loading the initiative…</p>;
  return <InitiativeFields key={current.data.version} {...props} existing={current.data} onStale={current.reload} />;
}

function InitiativeFields({
  objective,
  directory,
  existing,
  onDone,
  onCancel,
  onStale,
}: InitiativeFormProps & { existing?: InitiativeDetail; onStale?(): void }) {
  const keyResults = objective.keyResults.filter((k) => !k.removed);
  const mine = new Set(keyResults.map((k) => k.id));
  const [title, setTitle] = useState(existing?.title ?? '');
  const [ownerId, setOwnerId] = useState(existing?.ownerId ?? objective.ownerId ?? '');
  const [status, setStatus] = useState<InitiativeStatus>(existing?.status ?? 'planned');
  const [linked, setLinked] = useState<string[]>(
    existing ? existing.keyResultIds.filter((id) => mine.has(id)) : keyResults.map((k) => k.id),
  );
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const form = useForm(async () => {
    // Links to key results of other objectives are kept: this form shows this objective's only.
    const elsewhere = existing ? existing.keyResultIds.filter((id) => !mine.has(id)) : [];
    const keyResultIds = [...elsewhere, ...keyResults.filter((k) => linked.includes(k.id)).map((k) => k.id)];
    if (!existing)
      return answer<CreateAnswer>(
        await api.POST('/initiatives', { body: { title, ownerId: nullable(ownerId), keyResultIds }, headers: postHeaders() }),
      );
    return answer<WriteAnswer>(
      await api.PATCH('/initiatives/{id}', {
        params: { path: { id: existing.id } },
        body: { title, ownerId: nullable(ownerId), status, keyResultIds },
        headers: ifMatch(existing.version),
      }),
    );
  }, onDone);

  const label = existing ? 'Edit the initiative' : 'New initiative';
  return (
    <form className="form" ref={form.formRef} onSubmit={form.submit} noValidate aria-label={label}>
      <h3>{label}</h3>
      <Field label="Title" error={form.fieldError('title')} className="wide">
        {(props) => <input {...props} ref={first} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field label="Owner" error={form.fieldError('ownerId')}>
        {(props) => (
          <select {...props} value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
            <UserOptions directory={directory} none="No owner" />
          </select>
        )}
      </Field>
      {existing && (
        <Field label="Status" error={form.fieldError('status')}>
          {(props) => (
            <select {...props} value={status} onChange={(e) => setStatus(e.target.value as InitiativeStatus)}>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {INITIATIVE_STATUS_LABEL[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <CheckboxGroup
        legend="Key results it is meant to move"
        error={form.fieldError('keyResultIds')}
        options={keyResults.map((k) => ({ id: k.id, label: k.title }))}
        checked={linked}
        onChange={setLinked}
        empty="This objective has no key result yet."
      />
      {existing && existing.keyResultIds.some((id) => !mine.has(id)) && (
        <p className="field-hint">It also moves key results of other objectives; those links stay.</p>
      )}
      <FormErrors error={form.error} fields={['title', 'ownerId', 'status', 'keyResultIds']} onStale={onStale} />
      <FormButtons busy={form.busy} label={existing ? 'Save the initiative' : 'Create the initiative'} onCancel={onCancel} />
    </form>
  );
}
