import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../../api/client';
import { ApiError, answer, errorMessage } from '../../api/problem';
import type { HistoryEntry, KeyResultView, Paged } from '../../api/views';
import { dateInput, daysAgo, formatDateTime, percent } from '../../app/format';
import { useCanWrite } from '../../app/session';
import { formatValue, goal, parseNumber } from './metric';
import './check-in.css';

/** The days a check-in may be dated: those of its cycle, never after today. */
export interface CycleDays {
  startsOn: string;
  endsOn: string;
}

/** What a check-in recorded, for the screen that opened the dialog to show it. */
export interface CheckedIn {
  keyResultId: string;
  title: string;
  value: number;
  text: string;
}

export interface CheckInDialogProps {
  keyResultId: string;
  /** Its title, shown while the key result loads. */
  title: string;
  cycle: CycleDays;
  onClose(): void;
  /** After the API acknowledged the check-in (the dialog then closes). */
  onCheckedIn(checkIn: CheckedIn): void;
}

type Field = 'value' | 'confidence' | 'note' | 'effectiveAt';
const FIELDS: readonly string[] = ['value', 'confidence', 'note', 'effectiveAt'];

/** A key result and the ETag it came with (its version, for If-Match). */
interface Loaded {
  keyResult: KeyResultView;
  etag: string;
}

/** An Idempotency-Key: 128 random bits (crypto.getRandomValues works on plain http too, unlike randomUUID). */
function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The instant a check-in dated `date` (YYYY-MM-DD) is recorded at: none for today (the server's now); a past day
 * at its midday UTC, which lies inside the cycle whatever the user's time zone when the day does (the cycle's days
 * are UTC days), never later than a minute ago. A future day is sent as it is, for the API to refuse.
 */
export function effectiveAtOf(date: string, now: Date = new Date()): string | undefined {
  const today = dateInput(now);
  if (date === today) return undefined;
  const midday = Date.parse(`${date}T12:00:00.000Z`);
  return new Date(date > today ? midday : Math.min(midday, now.getTime() - 60_000)).toISOString();
}

async function loadKeyResult(keyResultId: string, signal?: AbortSignal): Promise<Loaded> {
  const result = await api.GET('/key-results/{id}', { params: { path: { id: keyResultId } }, signal });
  const keyResult = answer<KeyResultView>(result);
  return { keyResult, etag: result.response.headers.get('ETag') ?? `"${keyResult.version}"` };
}

/** The newest entry of the key result's history: what changed it meanwhile, and who. */
async function lastChange(keyResultId: string): Promise<HistoryEntry | undefined> {
  const page = answer<Paged<HistoryEntry>>(
    await api.GET('/key-results/{id}/history', { params: { path: { id: keyResultId }, query: { limit: 1, order: 'desc' } } }),
  );
  return page.items[0];
}

/**
 * Check in on a key result: the value as its metric reads it (a number with its unit; done or not done for a
 * milestone), confidence, a note, and the day it held (backdated inside the cycle). Sent with If-Match (the version
 * the user saw) and an Idempotency-Key per attempt: a retry after no answer (network, 5xx) reuses the key, so the
 * check-in is never recorded twice. A 412 shows what changed meanwhile and offers to check in on the newer version;
 * bad fields show the API's message beside them.
 */
export function CheckInDialog({ keyResultId, title, cycle, onClose, onCheckedIn }: CheckInDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [value, setValue] = useState('');
  const [done, setDone] = useState<boolean | null>(null);
  const [confidence, setConfidence] = useState('');
  const [note, setNote] = useState('');
  const today = dateInput(new Date());
  const [date, setDate] = useState(today < cycle.endsOn ? today : cycle.endsOn);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ keyResult: KeyResultView; change?: HistoryEntry } | null>(null);
  const [busy, setBusy] = useState(false);
  /** The attempt under way: its request and key. A new request gets a new key; the same one after no answer keeps it. */
  const attempt = useRef<{ signature: string; key: string } | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) {
      if (typeof element.showModal === 'function') element.showModal();
      else element.setAttribute('open', '');
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    loadKeyResult(keyResultId, controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        setLoaded(result);
        const kr = result.keyResult;
        if (kr.metric.type === 'milestone') setDone(kr.current >= 1);
        setConfidence(kr.confidence === null ? '50' : String(Math.round(kr.confidence * 100)));
      },
      (failure) => !controller.signal.aborted && setLoadError(failure),
    );
    return () => controller.abort();
  }, [keyResultId]);

  // Once loaded, the first field takes the focus.
  useEffect(() => {
    if (loaded) dialog.current?.querySelector<HTMLElement>('[data-first]')?.focus();
  }, [loaded !== null]);

  const focusField = (field: Field) => dialog.current?.querySelector<HTMLElement>(`[data-field="${field}"]`)?.focus();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!loaded || busy) return;
    const { keyResult, etag } = loaded;
    const milestone = keyResult.metric.type === 'milestone';
    const errors: Partial<Record<Field, string>> = {};
    const parsed = milestone ? (done === null ? { message: 'Choose done or not done.' } : done ? 1 : 0) : parseNumber(value);
    if (typeof parsed !== 'number') errors.value = parsed.message;
    const confidencePercent = parseNumber(confidence);
    if (typeof confidencePercent !== 'number' || confidencePercent < 0 || confidencePercent > 100)
      errors.confidence = 'Confidence is a percentage from 0 to 100.';
    setFieldErrors(errors);
    setError(null);
    if (typeof parsed !== 'number' || errors.confidence) {
      focusField(errors.value ? 'value' : 'confidence');
      return;
    }
    const body = {
      value: parsed,
      confidence: (confidencePercent as number) / 100,
      note: note.trim() === '' ? null : note.trim(),
      effectiveAt: effectiveAtOf(date),
    };
    const signature = JSON.stringify([body, etag]);
    if (attempt.current?.signature !== signature) attempt.current = { signature, key: newIdempotencyKey() };
    setBusy(true);
    try {
      answer(
        await api.POST('/key-results/{id}/check-ins', {
          params: { path: { id: keyResult.id } },
          body,
          headers: { 'If-Match': etag, 'Idempotency-Key': attempt.current.key },
        }),
      );
      attempt.current = null;
      onCheckedIn({ keyResultId: keyResult.id, title: keyResult.title, value: parsed, text: formatValue(parsed, keyResult.metric) });
      onClose();
    } catch (failure) {
      // An answer (not a 5xx) settles the attempt: another try is a new request. No answer: the same key again.
      if (failure instanceof ApiError && failure.status < 500) attempt.current = null;
      await explain(failure);
    } finally {
      setBusy(false);
    }
  }

  async function explain(failure: unknown) {
    if (failure instanceof ApiError && failure.status === 412) {
      try {
        const [fresh, change] = await Promise.all([loadKeyResult(keyResultId), lastChange(keyResultId).catch(() => undefined)]);
        setLoaded(fresh);
        setConflict({ keyResult: fresh.keyResult, change });
      } catch (reload) {
        setError(errorMessage(reload));
      }
      return;
    }
    const named = failure instanceof ApiError ? (failure.problem.errors ?? []).filter((e) => FIELDS.includes(e.field)) : [];
    if (named.length > 0) {
      const errors: Partial<Record<Field, string>> = {};
      for (const e of named) errors[e.field as Field] ??= e.message;
      setFieldErrors(errors);
      focusField(named[0].field as Field);
      return;
    }
    setError(
      failure instanceof TypeError || (failure instanceof ApiError && failure.status >= 500)
        ? 'The check-in could not be saved (no answer from the server). Try again: it will not be recorded twice.'
        : errorMessage(failure),
    );
  }

  const kr = loaded?.keyResult;
  const describedBy = (field: Field, hint?: string) =>
    [hint, fieldErrors[field] ? `${headingId}-${field}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const fieldError = (field: Field) =>
    fieldErrors[field] ? (
      <p id={`${headingId}-${field}-error`} className="field-error">
        {fieldErrors[field]}
      </p>
    ) : null;

  return (
    <dialog ref={dialog} className="check-in-dialog" aria-labelledby={headingId} onCancel={onClose} onClose={onClose}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <h2 id={headingId}>Check in: {kr?.title ?? title}</h2>
        {!kr && !loadError && <p className="muted">Loading the key result…</p>}
        {loadError !== null && (
          <p className="error" role="alert">
            {loadError instanceof ApiError && loadError.status === 404
              ? 'This key result does not exist any more.'
              : errorMessage(loadError)}
          </p>
        )}
        {kr && (
          <>
            <p className="muted check-in-now">
              Now {formatValue(kr.current, kr.metric)} ({kr.metric.type === 'milestone' ? 'milestone' : goal(kr.metric)}) · confidence{' '}
              {kr.confidence === null ? 'not given' : percent(kr.confidence)} · last check-in{' '}
              {kr.lastEffectiveAt ? daysAgo(kr.lastEffectiveAt) : 'never'}
            </p>
            {conflict && (
              <div className="conflict" role="alert">
                <p>
                  <strong>Changed while you were editing.</strong>{' '}
                  {conflict.change ? `${conflict.change.summary} (${formatDateTime(conflict.change.recordedAt)}).` : ''} The value is now{' '}
                  <strong>{formatValue(conflict.keyResult.current, conflict.keyResult.metric)}</strong>
                  {conflict.keyResult.confidence === null ? '' : `, confidence ${percent(conflict.keyResult.confidence)}`}.
                </p>
                <p>Check your values, then check in again to record yours on top of it.</p>
              </div>
            )}
            {kr.metric.type === 'milestone' ? (
              <fieldset className="check-in-field" aria-describedby={describedBy('value')}>
                <legend>Milestone</legend>
                <label className="choice">
                  <input type="radio" name="done" data-first data-field="value" checked={done === false} onChange={() => setDone(false)} />{' '}
                  Not done
                </label>
                <label className="choice">
                  <input type="radio" name="done" checked={done === true} onChange={() => setDone(true)} /> Done
                </label>
                {fieldError('value')}
              </fieldset>
            ) : (
              <Labelled id={`${headingId}-value`} label="Value" error={fieldError('value')}>
                <span className="with-unit">
                  <input
                    id={`${headingId}-value`}
                    data-first
                    data-field="value"
                    type="text"
                    inputMode="decimal"
                    autoComplete="off"
                    value={value}
                    placeholder={String(kr.current)}
                    onChange={(event) => setValue(event.target.value)}
                    aria-invalid={fieldErrors.value ? true : undefined}
                    aria-describedby={describedBy('value', `${headingId}-value-hint`)}
                  />
                  {kr.metric.unit && <span aria-hidden="true">{kr.metric.unit}</span>}
                </span>
                <span id={`${headingId}-value-hint`} className="hint">
                  {kr.metric.unit ? `In ${kr.metric.unit}; ` : ''}
                  {goal(kr.metric)}
                </span>
              </Labelled>
            )}
            <Labelled id={`${headingId}-confidence`} label="Confidence" error={fieldError('confidence')}>
              <span className="with-unit">
                <input
                  id={`${headingId}-confidence`}
                  data-field="confidence"
                  type="number"
                  min={0}
                  max={100}
                  step={5}
                  value={confidence}
                  onChange={(event) => setConfidence(event.target.value)}
                  aria-invalid={fieldErrors.confidence ? true : undefined}
                  aria-describedby={describedBy('confidence', `${headingId}-confidence-hint`)}
                />
                <span aria-hidden="true">%</span>
              </span>
              <span id={`${headingId}-confidence-hint`} className="hint">
                How sure you are to reach the target by the end of the cycle
              </span>
            </Labelled>
            <Labelled id={`${headingId}-date`} label="Date" error={fieldError('effectiveAt')}>
              <input
                id={`${headingId}-date`}
                data-field="effectiveAt"
                type="date"
                value={date}
                min={cycle.startsOn}
                max={today < cycle.endsOn ? today : cycle.endsOn}
                onChange={(event) => setDate(event.target.value)}
                aria-invalid={fieldErrors.effectiveAt ? true : undefined}
                aria-describedby={describedBy('effectiveAt', `${headingId}-date-hint`)}
              />
              <span id={`${headingId}-date-hint`} className="hint">
                The day the value held: today, or an earlier day of the cycle
              </span>
            </Labelled>
            <Labelled id={`${headingId}-note`} label="Note (optional)" error={fieldError('note')}>
              <textarea
                id={`${headingId}-note`}
                data-field="note"
                rows={3}
                value={note}
                onChange={(event) => setNote(event.target.value)}
                aria-invalid={fieldErrors.note ? true : undefined}
                aria-describedby={describedBy('note')}
              />
            </Labelled>
          </>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          {kr && (
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Saving…' : conflict ? 'Check in again' : 'Check in'}
            </button>
          )}
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}

function Labelled({ id, label, error, children }: { id: string; label: string; error: ReactNode; children: ReactNode }) {
  return (
    <div className="check-in-field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error}
    </div>
  );
}

export interface CheckInButtonProps extends Omit<CheckInDialogProps, 'onClose'> {
  /** The button's accessible name names the key result: "Check in: Reduce churn". */
  className?: string;
}

/**
 * "Check in" on a key result, with its dialog: for any place a key result appears (the objective, my check-ins,
 * the dashboard, the alignment tree). Viewers see nothing.
 */
export function CheckInButton({ className, ...dialog }: CheckInButtonProps) {
  const canWrite = useCanWrite();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  if (!canWrite) return null;
  return (
    <>
      <button
        ref={button}
        type="button"
        className={className ?? 'check-in-button'}
        aria-label={`Check in: ${dialog.title}`}
        onClick={() => setOpen(true)}
      >
        Check in
      </button>
      {open && (
        <CheckInDialog
          {...dialog}
          onClose={() => {
            setOpen(false);
            button.current?.focus();
          }}
        />
      )}
    </>
  );
}
