import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { ApiError, errorMessage } from '../api/problem';
import './forms.css';

/**
 * Forms of the planning and admin screens. The API is the one judge of input: a form sends what was typed and shows
 * the problem+json answer's messages beside the fields it names (`errors[].field`), the rest above the buttons.
 */

/** The API's messages for a field (and its parts: `keyResultIds` gets `keyResultIds.2`), joined; undefined if none. */
export function fieldMessage(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const messages = (error.problem.errors ?? []).filter((e) => e.field === field || e.field.startsWith(`${field}.`)).map((e) => e.message);
  return messages.length > 0 ? messages.join(' ') : undefined;
}

export interface FormState {
  submit(event: FormEvent): void;
  busy: boolean;
  error: unknown;
  /** The API's message for a field of this form. */
  fieldError(field: string): string | undefined;
  /** Put on the <form>: after a refusal, focus goes to the first field at fault, else to the message. */
  formRef: RefObject<HTMLFormElement | null>;
  reset(): void;
}

/** The first control of a field the API named (a group's first checkbox). */
const INVALID =
  'input[aria-invalid="true"], select[aria-invalid="true"], textarea[aria-invalid="true"], fieldset[aria-invalid="true"] input';

/** Runs `action` on submit (once at a time), keeps its error for the fields, and calls `onDone` with its result. */
export function useForm<T>(action: () => Promise<T>, onDone?: (result: T) => void): FormState {
  const [state, setState] = useState({ busy: false, error: null as unknown, attempt: 0 });
  const formRef = useRef<HTMLFormElement>(null);
  const busy = useRef(false);

  useEffect(() => {
    if (state.error === null) return;
    const form = formRef.current;
    const target = form?.querySelector<HTMLElement>(INVALID) ?? form?.querySelector<HTMLElement>('.form-errors');
    target?.focus();
  }, [state.error, state.attempt]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy.current) return;
    busy.current = true;
    setState((s) => ({ ...s, busy: true }));
    action().then(
      (result) => {
        busy.current = false;
        setState((s) => ({ busy: false, error: null, attempt: s.attempt }));
        onDone?.(result);
      },
      (error: unknown) => {
        busy.current = false;
        setState((s) => ({ busy: false, error, attempt: s.attempt + 1 }));
      },
    );
  };

  return {
    submit,
    busy: state.busy,
    error: state.error,
    fieldError: (field) => fieldMessage(state.error, field),
    formRef,
    reset: () => setState((s) => ({ busy: false, error: null, attempt: s.attempt })),
  };
}

export interface FieldProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** A labelled input with the API's message for it (linked for screen readers) and an optional hint. */
export function Field({
  label,
  error,
  hint,
  className,
  children,
}: {
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  className?: string;
  children: (props: FieldProps) => ReactNode;
}) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`form-field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': described || undefined })}
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** A group of checkboxes (a fieldset) with the API's message for the whole group. */
export function CheckboxGroup({
  legend,
  error,
  options,
  checked,
  onChange,
  empty,
}: {
  legend: string;
  error?: string;
  options: { id: string; label: ReactNode }[];
  checked: readonly string[];
  onChange(ids: string[]): void;
  empty: string;
}) {
  const id = useId();
  return (
    <fieldset
      className="form-field checkbox-group"
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{legend}</legend>
      {options.length === 0 && <p className="field-hint">{empty}</p>}
      {options.map((option) => (
        <label key={option.id} className="checkbox">
          <input
            type="checkbox"
            checked={checked.includes(option.id)}
            onChange={(event) => onChange(event.target.checked ? [...checked, option.id] : checked.filter((c) => c !== option.id))}
          />{' '}
          {option.label}
        </label>
      ))}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** Why a write was refused, in words; the field messages that have no field on this form are listed too. */
export function FormErrors({ error, fields, onStale }: { error: unknown; fields: readonly string[]; onStale?: () => void }) {
  if (error === null || error === undefined) return null;
  const shown = (field: string) => fields.some((f) => field === f || field.startsWith(`${f}.`));
  const problem = error instanceof ApiError ? error.problem : undefined;
  const others = (problem?.errors ?? []).filter((e) => !shown(e.field));
  const allBesideFields = problem?.errors && problem.errors.length > 0 && others.length === 0;
  let message: string;
  if (problem?.status === 412) message = 'Someone changed this since you opened it. Load the latest version, then make your change again.';
  else if (problem?.status === 403) message = `You may not do this: ${errorMessage(error)}`;
  else if (allBesideFields) message = problem!.errors!.length === 1 ? 'Check the field marked below.' : 'Check the fields marked below.';
  else message = errorMessage(error);
  return (
    <div className="form-errors" role="alert" tabIndex={-1}>
      <p>{message}</p>
      {others.length > 0 && (
        <ul>
          {others.map((e) => (
            <li key={`${e.field} ${e.message}`}>{e.message}</li>
          ))}
        </ul>
      )}
      {problem?.status === 412 && onStale && (
        <button type="button" onClick={onStale}>
          Load the latest version
        </button>
      )}
    </div>
  );
}

/** The buttons at the bottom of a form. */
export function FormButtons({
  busy,
  label,
  busyLabel,
  onCancel,
}: {
  busy: boolean;
  label: string;
  busyLabel?: string;
  onCancel?: () => void;
}) {
  return (
    <div className="form-buttons">
      <button type="submit" className="primary" disabled={busy}>
        {busy ? (busyLabel ?? 'Saving…') : label}
      </button>
      {onCancel && (
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      )}
    </div>
  );
}

/**
 * A button whose action needs a second thought (archive, remove, revoke, close the cycle): the first click asks, in
 * words that say what will happen, the second does it. Focus goes to the question and back to the button.
 */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  danger,
  onConfirm,
}: {
  label: string;
  question: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm(): Promise<unknown>;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const form = useForm(onConfirm, () => setOpen(false));
  useEffect(() => {
    if (open) box.current?.focus();
  }, [open]);
  const close = () => {
    setOpen(false);
    form.reset();
    setTimeout(() => button.current?.focus());
  };
  if (!open)
    return (
      <button type="button" ref={button} className={danger ? 'danger' : undefined} onClick={() => setOpen(true)}>
        {label}
      </button>
    );
  return (
    <div className="confirm" ref={box} tabIndex={-1} role="group" aria-label={label}>
      <form ref={form.formRef} onSubmit={form.submit}>
        <p>{question}</p>
        <FormErrors error={form.error} fields={[]} />
        <div className="form-buttons">
          <button type="submit" className={danger ? 'danger primary' : 'primary'} disabled={form.busy}>
            {form.busy ? 'Working…' : confirmLabel}
          </button>
          <button type="button" onClick={close} disabled={form.busy}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}

/**
 * Which editor is open in place of the button that opened it. Closing it gives the focus back to that button (drawn
 * anew by then), found by its name in the section around it, so keyboard users carry on where they were.
 */
export function useEditor<T>() {
  const [editing, setEditing] = useState<T | null>(null);
  const opener = useRef<{ scope: Element | null; name: string } | null>(null);
  const [closed, setClosed] = useState(0);
  useEffect(() => {
    const from = opener.current;
    if (closed === 0 || !from?.scope?.isConnected) return;
    const controls = Array.from(from.scope.querySelectorAll<HTMLElement>('button, a[href]'));
    controls.find((c) => (c.getAttribute('aria-label') ?? c.textContent) === from.name)?.focus();
  }, [closed]);
  return {
    editing,
    open(value: T) {
      const active = document.activeElement;
      opener.current =
        active instanceof HTMLElement
          ? { scope: active.closest('section'), name: active.getAttribute('aria-label') ?? active.textContent ?? '' }
          : null;
      setEditing(value);
    },
    close() {
      setEditing(null);
      setClosed((n) => n + 1);
    },
  };
}

export interface Data<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Loads again, keeping what is shown until the new answer is there (after a write). */
  reload(): void;
}

/**
 * What `load` answers for `key` (null: nothing to load). Unlike a plain load, a reload keeps the data on screen
 * until the new answer replaces it, so a list does not blink after each change.
 */
export function useData<T>(load: (signal: AbortSignal) => Promise<T>, key: string | null): Data<T> {
  const [state, setState] = useState<{ key: string | null; data?: T; error: unknown; loading: boolean }>({
    key,
    error: null,
    loading: true,
  });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    setState((s) => (s.key === key ? { ...s, loading: true } : { key, error: null, loading: true }));
    load(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ key, data, error: null, loading: false }),
      (error: unknown) => !controller.signal.aborted && setState({ key, error, loading: false }),
    );
    return () => controller.abort();
    // `load` changes with `key` only (its inputs make the key).
  }, [key, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const current = state.key === key;
  return {
    data: current ? state.data : undefined,
    error: current ? state.error : null,
    loading: key !== null && (!current || state.loading),
    reload,
  };
}

/** A failed load, said plainly; a 404 in the words of the screen. */
export { LoadError } from '../screens/shared/figures';
