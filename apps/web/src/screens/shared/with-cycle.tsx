import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { answer } from '../../api/problem';
import type { CycleSummary } from '../../api/views';
import { defaultCycle } from '../../app/cycles';
import { formatDate } from '../../app/format';
import { useAsync } from '../../app/use-async';
import { useUrlState } from '../../app/url-state';
import { LoadError } from './figures';

/**
 * The first step of a screen about one cycle: the caller's cycles, then the one the URL names (`?cycle=`) or the
 * current one (defaultCycle), or why there is none. `children` renders the screen for it.
 */
export function WithCycle(props: {
  /** The screen's title, shown when there is no cycle yet. */
  title: string;
  /** Its path, linked to when the URL names a cycle that is not the caller's. */
  path: string;
  /** What the screen will show once there is a cycle. */
  shows: string;
  children: (cycle: CycleSummary, cycles: CycleSummary[]) => ReactNode;
}) {
  const [url] = useUrlState();
  const cycles = useAsync(async (signal) => answer<{ items: CycleSummary[] }>(await api.GET('/cycles', { signal })).items, 'cycles');
  if (cycles.status === 'loading') return <p className="page-status">Loading cycles…</p>;
  if (cycles.status === 'failed') return <LoadError error={cycles.error} />;
  if (cycles.data.length === 0)
    return (
      <section className="page">
        <h1>{props.title}</h1>
        <p>No cycle yet. Once an editor schedules a cycle and sets objectives, {props.shows} shows here.</p>
      </section>
    );
  const cycle = url.cycle ? cycles.data.find((c) => c.id === url.cycle) : defaultCycle(cycles.data);
  if (!cycle)
    return (
      <section className="page">
        <h1>Cycle not found</h1>
        <p>
          No cycle of yours has this address. <Link to={props.path}>Show the current cycle</Link>.
        </p>
      </section>
    );
  return props.children(cycle, cycles.data);
}

/** The cycle picker of a screen about one cycle: choosing one puts it in the URL (`?cycle=`). */
export function CyclePicker({ cycle, cycles }: { cycle: CycleSummary; cycles: readonly CycleSummary[] }) {
  const [, setUrl] = useUrlState();
  return (
    <div className="field">
      <label htmlFor="cycle">Cycle</label>
      <select id="cycle" value={cycle.id} onChange={(event) => setUrl({ cycle: event.target.value })}>
        {cycles.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} ({formatDate(c.startsOn)} – {formatDate(c.endsOn)}){c.status === 'closed' ? ', closed' : ''}
          </option>
        ))}
      </select>
    </div>
  );
}
