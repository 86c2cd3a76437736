import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { answer } from '../../api/problem';
import type { CycleSummary } from '../../api/views';
import { formatDate } from '../../app/format';
import { Field, FormButtons, FormErrors, useForm } from '../../forms/forms';
import { ifMatch, postHeaders } from '../../forms/write';
import type { PlanRow } from './objective-list';
import {
  nullable,
  numberOrUndefined,
  numeric,
  type CarryOverAnswer,
  type CreateAnswer,
  type ObjectiveDetail,
  type WriteAnswer,
  type Directory,
} from './plan-api';

/** Options of a user select: everyone of the tenant by name, and "nobody". */
export function UserOptions({ directory, none }: { directory: Directory; none: string }) {
  return (
    <>
      <option value="">{none}</option>
      {[...directory.users]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
    </>
  );
}

function TeamOptions({ directory }: { directory: Directory }) {
  return (
    <>
      <option value="">No team</option>
      {[...directory.teams]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
    </>
  );
}

const OBJECTIVE_FIELDS = ['title', 'description', 'kind', 'ownerId', 'teamId', 'parentObjectiveId', 'weight', 'cycleId'];

/**
 * Create an objective (in `cycleId`) or change one (`existing`): its words, kind, owner and team, and where it is
 * aligned (parent and weight; a second call, PUT /objectives/:id/parent, made only when they change). Should that
 * second call be refused, the objective stays created or changed, and submitting again only retries what is left.
 */
export function ObjectiveForm({
  cycleId,
  existing,
  parentId,
  directory,
  objectives,
  onSaved,
  onCancel,
  onStale,
}: {
  cycleId: string;
  existing?: ObjectiveDetail;
  /** The parent a new objective is proposed under. */
  parentId?: string;
  directory: Directory;
  objectives: PlanRow[];
  onSaved(id: string): void;
  onCancel(): void;
  onStale?(): void;
}) {
  const [title, setTitle] = useState(existing?.title ?? '');
  const [description, setDescription] = useState(existing?.description ?? '');
  const [kind, setKind] = useState<'committed' | 'aspirational'>(existing?.kind ?? 'committed');
  const [ownerId, setOwnerId] = useState(existing?.ownerId ?? '');
  const [teamId, setTeamId] = useState(existing?.teamId ?? '');
  const [parent, setParent] = useState(existing?.parentObjectiveId ?? parentId ?? '');
  const [weight, setWeight] = useState(String(existing?.alignmentWeight ?? 1));
  // What is stored so far: the objective once created, and the version of the last successful write (If-Match).
  const saved = useRef(existing ? { id: existing.id, version: existing.version } : undefined);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const form = useForm(async () => {
    const fields = { title, description: nullable(description), ownerId: nullable(ownerId), teamId: nullable(teamId), kind };
    if (!saved.current) {
      const created = answer<CreateAnswer>(await api.POST('/objectives', { body: { cycleId, ...fields }, headers: postHeaders() }));
      saved.current = { id: created.id, version: created.version };
    } else {
      const { id, version } = saved.current;
      const changed = answer<WriteAnswer>(
        await api.PATCH('/objectives/{id}', { params: { path: { id } }, body: fields, headers: ifMatch(version) }),
      );
      saved.current = { id, version: changed.version };
    }
    const wasParent = existing?.parentObjectiveId ?? '';
    const wasWeight = String(existing?.alignmentWeight ?? 1);
    if (parent !== wasParent || (parent !== '' && weight !== wasWeight)) {
      const { id, version } = saved.current;
      const aligned = answer<WriteAnswer>(
        await api.PUT('/objectives/{id}/parent', {
          params: { path: { id } },
          body: { parentObjectiveId: nullable(parent), weight: numeric(weight) },
          headers: ifMatch(version),
        }),
      );
      saved.current = { id, version: aligned.version };
    }
    return saved.current.id;
  }, onSaved);

  const parentChoices = objectives.filter((r) => r.node.id !== existing?.id);
  const parentElsewhere = parent !== '' && !parentChoices.some((r) => r.node.id === parent);
  return (
    <form
      className="form"
      ref={form.formRef}
      onSubmit={form.submit}
      noValidate
      aria-label={existing ? 'Edit the objective' : 'New objective'}
    >
      <h3>{existing ? 'Edit the objective' : 'New objective'}</h3>
      <Field label="Title" error={form.fieldError('title')} className="wide">
        {(props) => <input {...props} ref={first} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field label="Description" error={form.fieldError('description')} className="wide">
        {(props) => <textarea {...props} value={description} onChange={(e) => setDescription(e.target.value)} />}
      </Field>
      <Field label="Kind" error={form.fieldError('kind')}>
        {(props) => (
          <select {...props} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="committed">Committed</option>
            <option value="aspirational">Aspirational</option>
          </select>
        )}
      </Field>
      <Field label="Owner" error={form.fieldError('ownerId')}>
        {(props) => (
          <select {...props} value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
            <UserOptions directory={directory} none="No owner" />
          </select>
        )}
      </Field>
      <Field label="Team" error={form.fieldError('teamId')}>
        {(props) => (
          <select {...props} value={teamId} onChange={(e) => setTeamId(e.target.value)}>
            <TeamOptions directory={directory} />
          </select>
        )}
      </Field>
      <Field label="Aligned under" error={form.fieldError('parentObjectiveId')}>
        {(props) => (
          <select {...props} value={parent} onChange={(e) => setParent(e.target.value)}>
            <option value="">Not aligned (a top objective)</option>
            {parentElsewhere && <option value={parent}>Its parent in another cycle</option>}
            {parentChoices.map((r) => (
              <option key={r.node.id} value={r.node.id}>
                {'\u00a0\u00a0'.repeat(Math.min(r.depth, 8))}
                {r.node.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      {parent !== '' && (
        <Field label="Weight in the parent" error={form.fieldError('weight')} hint="How much it counts in its parent's rollup">
          {(props) => (
            <input {...props} type="number" inputMode="decimal" step="any" value={weight} onChange={(e) => setWeight(e.target.value)} />
          )}
        </Field>
      )}
      <FormErrors error={form.error} fields={OBJECTIVE_FIELDS} onStale={onStale} />
      <FormButtons busy={form.busy} label={existing ? 'Save the objective' : 'Create the objective'} onCancel={onCancel} />
    </form>
  );
}

/** Close an objective with a score, or with the one its key results make. */
export function CloseObjectiveForm({
  objective,
  onDone,
  onCancel,
  onStale,
}: {
  objective: ObjectiveDetail;
  onDone(): void;
  onCancel(): void;
  onStale(): void;
}) {
  const [score, setScore] = useState('');
  const form = useForm(async () => {
    const value = numberOrUndefined(score);
    return answer<WriteAnswer>(
      await api.POST('/objectives/{id}/close', {
        params: { path: { id: objective.id } },
        body: value === undefined ? {} : { score: value },
        headers: postHeaders(objective.version),
      }),
    );
  }, onDone);
  return (
    <form className="form" ref={form.formRef} onSubmit={form.submit} noValidate aria-label="Close the objective">
      <h3>Close the objective</h3>
      <Field
        label="Score (0 to 1)"
        error={form.fieldError('score')}
        hint="Leave empty to score it from its key results (the weighted mean of their scores)."
      >
        {(props) => (
          <input
            {...props}
            type="number"
            inputMode="decimal"
            min={0}
            max={1}
            step={0.05}
            value={score}
            onChange={(e) => setScore(e.target.value)}
          />
        )}
      </Field>
      <FormErrors error={form.error} fields={['score']} onStale={onStale} />
      <FormButtons busy={form.busy} label="Close the objective" onCancel={onCancel} />
    </form>
  );
}

/** Carry an objective over into another cycle: a copy with its unfinished key results. */
export function CarryOverForm({
  objective,
  cycles,
  onDone,
  onCancel,
  onStale,
}: {
  objective: ObjectiveDetail;
  cycles: CycleSummary[];
  onDone(answer: CarryOverAnswer, cycle: CycleSummary): void;
  onCancel(): void;
  onStale(): void;
}) {
  const others = cycles.filter((c) => c.id !== objective.cycleId);
  const [cycleId, setCycleId] = useState(others.at(-1)?.id ?? '');
  const form = useForm(
    async () =>
      answer<CarryOverAnswer>(
        await api.POST('/objectives/{id}/carry-over', {
          params: { path: { id: objective.id } },
          body: { cycleId },
          headers: postHeaders(objective.version),
        }),
      ),
    (carried) =>
      onDone(
        carried,
        others.find((c) => c.id === cycleId)!,
      ),
  );
  if (others.length === 0)
    return (
      <div className="form">
        <p>There is no other cycle to carry it over into. Schedule the next cycle first.</p>
        <div className="form-buttons">
          <button type="button" onClick={onCancel}>
            Back
          </button>
        </div>
      </div>
    );
  return (
    <form className="form" ref={form.formRef} onSubmit={form.submit} noValidate aria-label="Carry over">
      <h3>Carry over into another cycle</h3>
      <p className="field-hint">A copy of the objective goes into that cycle with its unfinished key results; this one stays as it is.</p>
      <Field label="Into the cycle" error={form.fieldError('cycleId')}>
        {(props) => (
          <select {...props} value={cycleId} onChange={(e) => setCycleId(e.target.value)}>
            {others.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({formatDate(c.startsOn)} – {formatDate(c.endsOn)}){c.status === 'closed' ? ', closed' : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
      <FormErrors error={form.error} fields={['cycleId']} onStale={onStale} />
      <FormButtons busy={form.busy} label="Carry it over" onCancel={onCancel} />
    </form>
  );
}
