import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { answer } from '../../api/problem';
import type { CycleSummary } from '../../api/views';
import { ConfirmButton, Field, FormButtons, FormErrors, useData, useForm } from '../../forms/forms';
import { postHeaders } from '../../forms/write';
import type { CreateAnswer, WriteAnswer } from './plan-api';

/** Schedule a cycle: a name and its first and last day. */
export function NewCycleForm({ onCreated, onCancel }: { onCreated(id: string): void; onCancel(): void }) {
  const [name, setName] = useState('');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const form = useForm(
    async () => answer<CreateAnswer>(await api.POST('/cycles', { body: { name, startsOn, endsOn }, headers: postHeaders() })),
    (created) => onCreated(created.id),
  );
  return (
    <div className="editor">
      <form className="form" ref={form.formRef} onSubmit={form.submit} noValidate aria-label="New cycle">
        <h3>New cycle</h3>
        <Field label="Name" error={form.fieldError('name')}>
          {(props) => <input {...props} ref={first} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="First day" error={form.fieldError('startsOn')}>
          {(props) => <input {...props} type="date" value={startsOn} onChange={(e) => setStartsOn(e.target.value)} />}
        </Field>
        <Field label="Last day" error={form.fieldError('endsOn')}>
          {(props) => <input {...props} type="date" value={endsOn} onChange={(e) => setEndsOn(e.target.value)} />}
        </Field>
        <FormErrors error={form.error} fields={['name', 'startsOn', 'endsOn']} />
        <FormButtons busy={form.busy} label="Schedule the cycle" onCancel={onCancel} />
      </form>
    </div>
  );
}

/**
 * Closing a whole cycle closes and scores every open objective in it, for good: admins only, after a second thought,
 * and only if the cycle is still as it was when the button was shown (If-Match).
 */
export function CloseCycleButton({ cycle, onClosed }: { cycle: CycleSummary; onClosed(): void }) {
  const shown = useData(
    async (signal) => answer<{ version: number }>(await api.GET('/cycles/{id}', { params: { path: { id: cycle.id } }, signal })).version,
    cycle.id,
  );
  return (
    <ConfirmButton
      label="Close the cycle"
      danger
      question={
        <>
          Close <strong>{cycle.name}</strong>? Every objective still open in it is closed and scored now, and nothing in the cycle can
          change afterwards. This cannot be undone.
        </>
      }
      confirmLabel="Close the cycle for good"
      onConfirm={async () => {
        const closed = answer<WriteAnswer>(
          await api.POST('/cycles/{id}/close', { params: { path: { id: cycle.id } }, headers: postHeaders(shown.data) }),
        );
        onClosed();
        return closed;
      }}
    />
  );
}
