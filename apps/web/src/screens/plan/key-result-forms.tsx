import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { answer } from '../../api/problem';
import { Field, FormButtons, FormErrors, useForm } from '../../forms/forms';
import { ifMatch, postHeaders } from '../../forms/write';
import { UserOptions } from './objective-forms';
import {
  METRIC_LABEL,
  nullable,
  numberOrUndefined,
  numeric,
  type CheckInCadence,
  type CreateAnswer,
  type KeyResultView,
  type MetricType,
  type ObjectiveDetail,
  type WriteAnswer,
  type Directory,
} from './plan-api';

const METRIC_TYPES = Object.keys(METRIC_LABEL) as MetricType[];

/** What the value of each kind of metric means, so that start and target are filled in the right sense. */
const METRIC_HINT: Record<MetricType, string> = {
  increase: 'From a start value up to a target (e.g. 40 → 60 customers).',
  decrease: 'From a start value down to a target (e.g. churn 5 % → 3 %).',
  atLeast: 'Done while the value is at or above the target (e.g. uptime ≥ 99.9 %).',
  atMost: 'Done while the value is at or below the target (e.g. page load ≤ 2 s).',
  milestone: 'Done or not done: no numbers.',
};

const KEY_RESULT_FIELDS = ['title', 'metric', 'weight', 'ownerId', 'checkInCadence'];

/** How often the owner checks in; the empty choice (null for the API) follows the tenant's cadence. */
const CADENCE_LABEL: Record<CheckInCadence, string> = { weekly: 'Weekly', fortnightly: 'Fortnightly', monthly: 'Monthly' };

function CadenceField({ value, error, onChange }: { value: string; error?: string; onChange(value: CheckInCadence | ''): void }) {
  return (
    <Field label="Check-in cadence" error={error} hint="How often its owner checks in">
      {(props) => (
        <select {...props} value={value} onChange={(e) => onChange(e.target.value as CheckInCadence | '')}>
          <option value="">The tenant's cadence</option>
          {(Object.keys(CADENCE_LABEL) as CheckInCadence[]).map((c) => (
            <option key={c} value={c}>
              {CADENCE_LABEL[c]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Add a key result to an objective: title, how it is measured (one of the five metric types), weight and owner. */
export function AddKeyResultForm({
  objective,
  directory,
  onDone,
  onCancel,
  onStale,
}: {
  objective: ObjectiveDetail;
  directory: Directory;
  onDone(): void;
  onCancel(): void;
  onStale(): void;
}) {
  const [title, setTitle] = useState('');
  const [type, setType] = useState<MetricType>('increase');
  const [start, setStart] = useState('');
  const [target, setTarget] = useState('');
  const [unit, setUnit] = useState('');
  const [weight, setWeight] = useState('1');
  const [ownerId, setOwnerId] = useState(objective.ownerId ?? '');
  const [cadence, setCadence] = useState<CheckInCadence | ''>('');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const hasNumbers = type !== 'milestone';

  const form = useForm(async () => {
    const metric = hasNumbers
      ? { type, start: numberOrUndefined(start), target: numberOrUndefined(target), unit: nullable(unit) }
      : { type, unit: nullable(unit) };
    return answer<CreateAnswer>(
      await api.POST('/objectives/{id}/key-results', {
        params: { path: { id: objective.id } },
        body: { title, metric, weight: numeric(weight), ownerId: nullable(ownerId), checkInCadence: cadence || null },
        headers: postHeaders(),
      }),
    );
  }, onDone);

  return (
    <form className="form" ref={form.formRef} onSubmit={form.submit} noValidate aria-label="New key result">
      <h3>New key result</h3>
      <Field label="Title" error={form.fieldError('title')} className="wide">
        {(props) => <input {...props} ref={first} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field label="Measured as" error={form.fieldError('metric.type')} hint={METRIC_HINT[type]} className="wide">
        {(props) => (
          <select {...props} value={type} onChange={(e) => setType(e.target.value as MetricType)}>
            {METRIC_TYPES.map((t) => (
              <option key={t} value={t}>
                {METRIC_LABEL[t]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {hasNumbers && (
        <Field label="Start value" error={form.fieldError('metric.start')}>
          {(props) => (
            <input {...props} type="number" inputMode="decimal" step="any" value={start} onChange={(e) => setStart(e.target.value)} />
          )}
        </Field>
      )}
      {hasNumbers && (
        <Field label="Target" error={form.fieldError('metric.target')}>
          {(props) => (
            <input {...props} type="number" inputMode="decimal" step="any" value={target} onChange={(e) => setTarget(e.target.value)} />
          )}
        </Field>
      )}
      <Field label="Unit" error={form.fieldError('metric.unit')} hint="e.g. %, €, customers">
        {(props) => <input {...props} value={unit} onChange={(e) => setUnit(e.target.value)} />}
      </Field>
      <Field label="Weight" error={form.fieldError('weight')} hint="How much it counts in the objective's progress">
        {(props) => (
          <input {...props} type="number" inputMode="decimal" step="any" value={weight} onChange={(e) => setWeight(e.target.value)} />
        )}
      </Field>
      <Field label="Owner" error={form.fieldError('ownerId')}>
        {(props) => (
          <select {...props} value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
            <UserOptions directory={directory} none="No owner" />
          </select>
        )}
      </Field>
      <CadenceField value={cadence} error={form.fieldError('checkInCadence')} onChange={setCadence} />
      <FormErrors error={form.error} fields={KEY_RESULT_FIELDS} onStale={onStale} />
      <FormButtons busy={form.busy} label="Add the key result" onCancel={onCancel} />
    </form>
  );
}

/** Rename, re-weight, or move the target of a key result (a new target says why: it stays in the history). */
export function EditKeyResultForm({
  keyResult,
  onDone,
  onCancel,
  onStale,
}: {
  keyResult: KeyResultView;
  onDone(): void;
  onCancel(): void;
  onStale(): void;
}) {
  const [title, setTitle] = useState(keyResult.title);
  const [target, setTarget] = useState(String(keyResult.metric.target));
  const [reason, setReason] = useState('');
  const [weight, setWeight] = useState(String(keyResult.weight));
  const [cadence, setCadence] = useState<CheckInCadence | ''>(keyResult.checkInCadence ?? '');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const milestone = keyResult.metric.type === 'milestone';

  const form = useForm(async () => {
    // Only what changed is sent: each change is an event of its own in the history.
    const body: { title?: string; target?: number; reason?: string; weight?: number; checkInCadence?: CheckInCadence | null } = {};
    if (title !== keyResult.title) body.title = title;
    if (!milestone && target !== String(keyResult.metric.target)) body.target = numberOrUndefined(target);
    if (reason.trim() !== '') body.reason = reason;
    if (weight !== String(keyResult.weight)) body.weight = numeric(weight);
    if (cadence !== (keyResult.checkInCadence ?? '')) body.checkInCadence = cadence || null;
    if (Object.keys(body).length === 0) return undefined;
    return answer<WriteAnswer>(
      await api.PATCH('/key-results/{id}', { params: { path: { id: keyResult.id } }, body, headers: ifMatch(keyResult.version) }),
    );
  }, onDone);

  return (
    <form className="form" ref={form.formRef} onSubmit={form.submit} noValidate aria-label={`Edit ${keyResult.title}`}>
      <h3>Edit the key result</h3>
      <Field label="Title" error={form.fieldError('title')} className="wide">
        {(props) => <input {...props} ref={first} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      {!milestone && (
        <Field label={`Target${keyResult.metric.unit ? ` (${keyResult.metric.unit})` : ''}`} error={form.fieldError('target')}>
          {(props) => (
            <input {...props} type="number" inputMode="decimal" step="any" value={target} onChange={(e) => setTarget(e.target.value)} />
          )}
        </Field>
      )}
      {!milestone && (
        <Field
          label="Why the target changes"
          error={form.fieldError('reason')}
          hint="Kept in the history with the new target."
          className="wide"
        >
          {(props) => <input {...props} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
      )}
      <Field label="Weight" error={form.fieldError('weight')}>
        {(props) => (
          <input {...props} type="number" inputMode="decimal" step="any" value={weight} onChange={(e) => setWeight(e.target.value)} />
        )}
      </Field>
      <CadenceField value={cadence} error={form.fieldError('checkInCadence')} onChange={setCadence} />
      <FormErrors error={form.error} fields={['title', 'target', 'reason', 'weight', 'checkInCadence']} onStale={onStale} />
      <FormButtons busy={form.busy} label="Save the key result" onCancel={onCancel} />
    </form>
  );
}

/** Grade a key result at the end of the cycle: a score from 0 to 1. */
export function GradeForm({
  keyResult,
  onDone,
  onCancel,
  onStale,
}: {
  keyResult: KeyResultView;
  onDone(): void;
  onCancel(): void;
  onStale(): void;
}) {
  const [score, setScore] = useState(keyResult.grade === null ? '' : String(keyResult.grade));
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const form = useForm(
    async () =>
      answer<WriteAnswer>(
        await api.POST('/key-results/{id}/grade', {
          params: { path: { id: keyResult.id } },
          body: { score: numeric(score) },
          headers: postHeaders(keyResult.version),
        }),
      ),
    onDone,
  );
  return (
    <form className="form" ref={form.formRef} onSubmit={form.submit} noValidate aria-label={`Grade ${keyResult.title}`}>
      <h3>Grade “{keyResult.title}”</h3>
      <Field label="Score (0 to 1)" error={form.fieldError('score')} hint="0.7 is a good score for an aspirational key result.">
        {(props) => (
          <input
            {...props}
            ref={first}
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
      <FormButtons busy={form.busy} label="Save the grade" onCancel={onCancel} />
    </form>
  );
}
