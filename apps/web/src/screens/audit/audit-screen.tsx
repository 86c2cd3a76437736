import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { answer, errorMessage } from '../../api/problem';
import type { CycleSummary, UserView } from '../../api/views';
import { formatDate, formatDateTime } from '../../app/format';
import { useMe } from '../../app/session';
import { Field, FormErrors, fieldMessage, useData } from '../../forms/forms';
import {
  EVENT_GROUPS,
  typeLabel,
  type AuditEntry,
  type AuditPage,
  type AuditQuery,
  type EventType,
  type HistoryValue,
  type VerifyAnswer,
} from './audit-api';
import './audit.css';

/** Entries a "more" asks for; a request reads a bounded slice of the log, so a filtered search may take several. */
const PAGE = 50;
/** Requests one "more" makes at most before asking the user to go on (each reads up to 20,000 events of the log). */
const REQUESTS_PER_BATCH = 10;

type FilterKey = 'actor' | 'stream' | 'type' | 'from' | 'to';
const FILTER_FIELDS: Record<FilterKey, string> = { actor: 'actorId', stream: 'streamId', type: 'type', from: 'from', to: 'to' };

/** A datetime-local value (the user's time) as an instant; anything else as it is, for the API to judge. */
function instant(local: string | undefined): string | undefined {
  if (!local) return undefined;
  const ms = Date.parse(local);
  return Number.isNaN(ms) ? local : new Date(ms).toISOString();
}

function queryOf(filters: Partial<Record<FilterKey, string>>): AuditQuery {
  return {
    limit: PAGE,
    ...(filters.actor ? { actorId: filters.actor } : {}),
    ...(filters.stream ? { streamId: filters.stream } : {}),
    // A type from the URL the API does not know goes as it is: the API names the field at fault.
    ...(filters.type ? { type: [filters.type as EventType] } : {}),
    ...(filters.from ? { from: instant(filters.from) } : {}),
    ...(filters.to ? { to: instant(filters.to) } : {}),
  };
}

interface Trail {
  entries: AuditEntry[];
  cursor: string | null;
  scannedUpTo: number;
  loading: boolean;
  error: unknown;
}

/** The trail for a set of filters, oldest first, batch after batch (each up to PAGE entries). */
function useTrail(query: AuditQuery) {
  const key = JSON.stringify(query);
  const [trail, setTrail] = useState<Trail & { key: string }>({
    key,
    entries: [],
    cursor: null,
    scannedUpTo: 0,
    loading: true,
    error: null,
  });
  const running = useRef<AbortController | null>(null);

  const load = useCallback(
    async (cursor: string | undefined, reset: boolean) => {
      running.current?.abort();
      const controller = new AbortController();
      running.current = controller;
      setTrail((t) =>
        reset ? { key, entries: [], cursor: null, scannedUpTo: 0, loading: true, error: null } : { ...t, loading: true, error: null },
      );
      const found: AuditEntry[] = [];
      let next: string | null | undefined = cursor;
      let scannedUpTo = 0;
      try {
        for (let i = 0; i < REQUESTS_PER_BATCH && found.length < PAGE; i++) {
          const page: AuditPage = answer<AuditPage>(
            await api.GET('/audit', { params: { query: { ...query, ...(next ? { cursor: next } : {}) } }, signal: controller.signal }),
          );
          found.push(...page.items);
          next = page.nextCursor;
          scannedUpTo = page.scannedUpTo;
          if (next === null) break;
        }
        if (controller.signal.aborted) return;
        setTrail((t) => ({
          key,
          entries: [...(reset ? [] : t.entries), ...found],
          cursor: next ?? null,
          scannedUpTo,
          loading: false,
          error: null,
        }));
      } catch (error) {
        if (!controller.signal.aborted) setTrail((t) => ({ ...t, loading: false, error }));
      }
    },
    // The query is the key.
    [key],
  );

  useEffect(() => {
    void load(undefined, true);
    return () => running.current?.abort();
  }, [load]);

  const current = trail.key === key ? trail : { key, entries: [], cursor: null, scannedUpTo: 0, loading: true, error: null };
  return { ...current, more: () => current.cursor && void load(current.cursor, false) };
}

/**
 * Audit, the analyst's screen: the tenant's trail of events in words (who changed what, from what to what, why),
 * filtered by person, entity, event type and time; the hash chains verified; the data downloaded. Filters are in the
 * URL, so a search can be shared as a link.
 */
export default function AuditScreen() {
  const [params, setParams] = useSearchParams();
  const filters: Partial<Record<FilterKey, string>> = {};
  for (const key of Object.keys(FILTER_FIELDS) as FilterKey[]) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  const setFilters = (next: Partial<Record<FilterKey, string>>) => {
    const search = new URLSearchParams();
    for (const key of Object.keys(FILTER_FIELDS) as FilterKey[]) if (next[key]) search.set(key, next[key]);
    setParams(search);
  };
  const trail = useTrail(queryOf(filters));
  const users = useData(async (signal) => answer<{ items: UserView[] }>(await api.GET('/users', { signal })).items, 'users');

  return (
    <section className="page audit">
      <div className="page-head">
        <h1>Audit</h1>
      </div>
      <div className="audit-tools">
        <VerifyPanel onStream={(stream) => setFilters({ stream })} />
        <Downloads />
      </div>
      <section className="panel" aria-labelledby="audit-trail">
        <h2 id="audit-trail">The trail</h2>
        <FilterForm key={params.toString()} filters={filters} users={users.data ?? []} error={trail.error} onApply={setFilters} />
        <TrailList trail={trail} stream={filters.stream} onStream={(stream) => setFilters({ ...filters, stream })} />
      </section>
    </section>
  );
}

function FilterForm({
  filters,
  users,
  error,
  onApply,
}: {
  filters: Partial<Record<FilterKey, string>>;
  users: UserView[];
  error: unknown;
  onApply(filters: Partial<Record<FilterKey, string>>): void;
}) {
  const [draft, setDraft] = useState(filters);
  const set = (key: FilterKey) => (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value });
  const fieldError = (key: FilterKey) => fieldMessage(error, FILTER_FIELDS[key]);
  const known = EVENT_GROUPS.some((g) => g.types.some((t) => t === draft.type));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const filtered = Object.values(filters).some(Boolean);
  return (
    <form className="audit-filters" role="search" aria-label="Filter the trail" onSubmit={submit} noValidate>
      <Field label="Who" error={fieldError('actor')}>
        {(props) => (
          <select {...props} value={draft.actor ?? ''} onChange={set('actor')}>
            <option value="">Anyone</option>
            {draft.actor && !users.some((u) => u.id === draft.actor) && <option value={draft.actor}>{draft.actor}</option>}
            {[...users]
              .sort((a, b) => a.name.localeCompare(b.name))
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
          </select>
        )}
      </Field>
      <Field label="Entity (stream)" error={fieldError('stream')} hint="e.g. objective-…; or “Only this entity” on an event">
        {(props) => <input {...props} className="mono" value={draft.stream ?? ''} onChange={set('stream')} />}
      </Field>
      <Field label="Event type" error={fieldError('type')}>
        {(props) => (
          <select {...props} value={draft.type ?? ''} onChange={set('type')}>
            <option value="">Any event</option>
            {draft.type && !known && <option value={draft.type}>{typeLabel(draft.type)}</option>}
            {EVENT_GROUPS.map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.types.map((t) => (
                  <option key={t} value={t}>
                    {typeLabel(t)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        )}
      </Field>
      <Field label="Recorded from" error={fieldError('from')}>
        {(props) => <input {...props} type="datetime-local" value={draft.from ?? ''} onChange={set('from')} />}
      </Field>
      <Field label="Recorded before" error={fieldError('to')}>
        {(props) => <input {...props} type="datetime-local" value={draft.to ?? ''} onChange={set('to')} />}
      </Field>
      <div className="form-buttons">
        <button type="submit" className="primary">
          Show events
        </button>
        {filtered && (
          <button type="button" onClick={() => onApply({})}>
            Clear the filters
          </button>
        )}
      </div>
      {error !== null && <FormErrors error={error} fields={Object.values(FILTER_FIELDS)} />}
    </form>
  );
}

const VALUE = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 4 });

function valueText(value: HistoryValue): string {
  if (value === null) return '—';
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.join(', ');
  if (typeof value === 'number') return VALUE.format(value);
  return String(value);
}

function TrailList({ trail, stream, onStream }: { trail: ReturnType<typeof useTrail>; stream?: string; onStream(stream: string): void }) {
  return (
    <>
      <p className="summary" aria-live="polite">
        {trail.entries.length === 0 && trail.loading
          ? 'Reading the trail…'
          : `${trail.entries.length === 1 ? '1 event' : `${trail.entries.length} events`}, oldest first${trail.cursor ? ` (searched the log up to event #${trail.scannedUpTo})` : ''}.`}
      </p>
      {trail.entries.length === 0 && !trail.loading && trail.error === null && (
        <p className="muted">{trail.cursor ? 'No event matches in this part of the log yet.' : 'No event matches these filters.'}</p>
      )}
      <ol className="audit-list">
        {trail.entries.map((entry) => (
          <li key={entry.position}>
            <p className="audit-summary">{entry.summary}</p>
            <p className="audit-meta">
              <time dateTime={entry.recordedAt}>{formatDateTime(entry.recordedAt)}</time>
              {entry.effectiveAt && entry.effectiveAt !== entry.recordedAt && <> (for {formatDateTime(entry.effectiveAt)})</>} ·{' '}
              {entry.actor.name} · {typeLabel(entry.type)} · event #{entry.position}
              {entry.streamId !== stream && (
                <>
                  {' · '}
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => onStream(entry.streamId)}
                    aria-label={`Only this entity: ${entry.streamId}`}
                  >
                    Only this entity
                  </button>
                </>
              )}
            </p>
            {Object.keys(entry.changes).length > 0 && (
              <details>
                <summary>What changed</summary>
                <dl className="audit-changes">
                  {Object.entries(entry.changes).map(([field, change]) => (
                    <div key={field}>
                      <dt>{field}</dt>
                      <dd>
                        {valueText(change.from)} → {valueText(change.to)}
                      </dd>
                    </div>
                  ))}
                </dl>
              </details>
            )}
          </li>
        ))}
      </ol>
      {trail.entries.length > 0 && trail.loading && <p className="page-status">Reading more…</p>}
      {trail.cursor && !trail.loading && (
        <button type="button" onClick={trail.more}>
          {trail.entries.length === 0 ? 'Search further in the log' : 'Show more events'}
        </button>
      )}
    </>
  );
}

const REASON_TEXT: Record<NonNullable<VerifyAnswer['firstBroken']>['reason'], string> = {
  hash_mismatch: 'the event is not what was sealed (its content was changed)',
  previous_hash_mismatch: 'it does not follow the event sealed before it',
  missing_event: 'an event is missing',
  unexpected_revision: 'its events are out of order',
  hash_missing: 'an event has no seal where one was expected',
};

/** "Verify the trail": every hash chain of the tenant checked against the stored events (admins). */
function VerifyPanel({ onStream }: { onStream(stream: string): void }) {
  const isAdmin = useMe().role === 'admin';
  const [state, setState] = useState<{ busy: boolean; result?: VerifyAnswer; error?: unknown }>({ busy: false });
  const verify = async () => {
    setState({ busy: true });
    try {
      setState({ busy: false, result: answer<VerifyAnswer>(await api.GET('/audit/verify')) });
    } catch (error) {
      setState({ busy: false, error });
    }
  };
  const { result } = state;
  const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
  return (
    <section className="panel" aria-labelledby="audit-verify">
      <h2 id="audit-verify">Verify the trail</h2>
      <p className="hint">
        Every event is sealed with a hash of itself and of the one before it: a changed, removed or inserted event breaks the chain.
      </p>
      {isAdmin ? (
        <button type="button" className="primary" onClick={() => void verify()} disabled={state.busy}>
          {state.busy ? 'Verifying…' : 'Verify the trail'}
        </button>
      ) : (
        <p className="muted">Administrators verify the trail.</p>
      )}
      <div role="status" className="verify-result">
        {result?.ok && (
          <div className="notice">
            <p>
              <strong>Verified:</strong> {count(result.eventsChecked, 'event', 'events')} in{' '}
              {count(result.streamsChecked, 'stream', 'streams')}, every chain holds (up to event #{result.headPosition}, in{' '}
              {result.seconds} s).
            </p>
            {result.unchainedEvents > 0 && (
              <p>
                {count(result.unchainedEvents, 'event was', 'events were')} written before the chain existed: checked in order, but not
                sealed.
              </p>
            )}
          </div>
        )}
        {result && !result.ok && (
          <div className="form-errors">
            <p>
              The chain breaks: {count(result.brokenLinks, 'broken link', 'broken links')} in{' '}
              {count(result.eventsChecked, 'event', 'events')} checked.
            </p>
            {result.firstBroken && (
              <p>
                First at <span className="mono">{result.firstBroken.streamId}</span>, revision {result.firstBroken.revision} (event #
                {result.firstBroken.position}): {REASON_TEXT[result.firstBroken.reason] ?? result.firstBroken.reason}.{' '}
                <button type="button" className="link-button" onClick={() => onStream(result.firstBroken!.streamId)}>
                  Show its events
                </button>
              </p>
            )}
          </div>
        )}
        {state.error !== undefined && <p className="error">{errorMessage(state.error)}</p>}
      </div>
    </section>
  );
}

/** Downloads of a cycle's data: plain links to the API, so the session cookie goes along and the file streams to disk. */
function Downloads() {
  const cycles = useData(async (signal) => answer<{ items: CycleSummary[] }>(await api.GET('/cycles', { signal })).items, 'cycles');
  const [cycleId, setCycleId] = useState('');
  const [interval, setStep] = useState<'week' | 'day'>('week');
  const list = cycles.data ?? [];
  const chosen = list.find((c) => c.id === cycleId) ?? list.at(-1);
  const base = chosen ? `/api/cycles/${encodeURIComponent(chosen.id)}` : '';
  return (
    <section className="panel" aria-labelledby="audit-downloads">
      <h2 id="audit-downloads">Download a cycle's data</h2>
      {cycles.error !== null && <p className="error">{errorMessage(cycles.error)}</p>}
      {list.length === 0 && !cycles.loading && <p className="muted">No cycle yet.</p>}
      {chosen && (
        <>
          <div className="download-choices">
            <Field label="Cycle">
              {(props) => (
                <select {...props} value={chosen.id} onChange={(e) => setCycleId(e.target.value)}>
                  {list.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name} ({formatDate(c.startsOn)} – {formatDate(c.endsOn)})
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Time series points">
              {(props) => (
                <select {...props} value={interval} onChange={(e) => setStep(e.target.value as 'week' | 'day')}>
                  <option value="week">One a week</option>
                  <option value="day">One a day</option>
                </select>
              )}
            </Field>
          </div>
          <ul className="downloads">
            <li>
              <a href={`${base}/events?format=csv`} download>
                Events as CSV
              </a>{' '}
              <span className="muted">every event of the cycle with who, when and its data</span>
            </li>
            <li>
              <a href={`${base}/events?format=jsonl`} download>
                Events as JSON Lines
              </a>{' '}
              <span className="muted">the same, one JSON event a line</span>
            </li>
            <li>
              <a href={`${base}/timeseries?format=csv&interval=${interval}`} download>
                Time series as CSV
              </a>{' '}
              <span className="muted">progress of every objective and key result, one row a {interval} and entity</span>
            </li>
          </ul>
        </>
      )}
    </section>
  );
}
