import { useRef, useState, type ReactNode } from 'react';
import { ApiError, errorMessage } from '../../api/problem';
import type { Health } from '../../api/views';
import type { Async } from '../../app/use-async';
import { percent } from '../../app/format';
import { HEALTH_LABEL } from '../../app/health';
import './shared.css';

/** Pieces the objective, my check-ins and the dashboard share. */

/** Health as colour and word. */
export function HealthBadge({ health }: { health: Health }) {
  return <span className={`health health-${health}`}>{HEALTH_LABEL[health]}</span>;
}

/** A 0–1 fraction as a bar and its percentage. */
export function Bar({ value }: { value: number }) {
  return (
    <span className="progress">
      <span className="bar" aria-hidden="true">
        <span style={{ width: `${Math.min(100, Math.max(0, value * 100))}%` }} />
      </span>{' '}
      {percent(value)}
    </span>
  );
}

export function LoadError({ error, notFound = 'Not found, or not yours to see.' }: { error: unknown; notFound?: string }) {
  return (
    <div className="page-status" role="alert">
      <p className="error">{error instanceof ApiError && error.status === 404 ? notFound : errorMessage(error)}</p>
      {error instanceof ApiError &&
        error.problem.errors?.map((e) => (
          <p key={e.field} className="error">
            {e.message}
          </p>
        ))}
    </div>
  );
}

/** The last data loaded: shown while the same view loads again (after a check-in), instead of "Loading…". */
export function useKept<T>(state: Async<T>): T | undefined {
  const kept = useRef<T | undefined>(undefined);
  if (state.status === 'done') kept.current = state.data;
  return kept.current;
}

/**
 * A table that may scroll sideways on a narrow screen: focusable, so that keyboard users can scroll it too (axe's
 * scrollable-region-focusable), and named.
 */
export function ScrollingTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" tabIndex={0} role="group" aria-label={label}>
      {children}
    </div>
  );
}

/** A list that shows its first `first` items, and the rest on demand (a large cycle moves a lot in a month). */
export function Capped<T>(props: { items: T[]; render(item: T): ReactNode; empty: string; first: number; className: string }) {
  const { items, render, empty, first, className } = props;
  const [all, setAll] = useState(false);
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return (
    <>
      <ul className={className}>{(all ? items : items.slice(0, first)).map(render)}</ul>
      {items.length > first && (
        <button type="button" className="link-button" onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${items.length}`}
        </button>
      )}
    </>
  );
}
