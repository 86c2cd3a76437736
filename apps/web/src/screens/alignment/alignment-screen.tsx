import { useDeferredValue, useMemo, useState } from 'react';
import { api } from '../../api/client';
import { answer } from '../../api/problem';
import type { AlignmentAnswer, CycleDiff, CycleSummary, OutputsVsOutcomes } from '../../api/views';
import { dateInput, formatDateTime, instantOf, isDateValue, percent } from '../../app/format';
import { useAsync } from '../../app/use-async';
import { useUrlState, type UrlKey } from '../../app/url-state';
import { DiffPanel } from './diff-panel';
import { HEALTHS, HEALTH_LABEL } from '../../app/health';
import { choices, healthCounts, type TreeFilter } from './tree';
import { TreeTable, type ObjectiveChange, type ObjectiveFlags } from './tree-table';
import { LoadError } from '../shared/figures';
import { CyclePicker, WithCycle } from '../shared/with-cycle';

/** Up to this many objectives, the outputs-vs-outcomes flags load with the tree; above, on demand. */
const FLAGS_AT_ONCE_UP_TO = 2000;

/**
 * Alignment, the executive's home: the cycle as a tree-table with rolled-up progress and health; filters, search, the
 * tree "as of" any past date, and the changes since a second date. All of it is in the URL.
 */
export default function AlignmentScreen() {
  const [url, setUrl] = useUrlState();
  return (
    <WithCycle title="Alignment" path="/alignment" shows="their alignment">
      {(cycle, cycles) => <CycleAlignment key={cycle.id} cycle={cycle} cycles={cycles} url={url} setUrl={setUrl} />}
    </WithCycle>
  );
}

interface CycleAlignmentProps {
  cycle: CycleSummary;
  cycles: CycleSummary[];
  url: Partial<Record<UrlKey, string>>;
  setUrl: (changes: Partial<Record<UrlKey, string | undefined>>) => void;
}

function CycleAlignment({ cycle, cycles, url, setUrl }: CycleAlignmentProps) {
  const asOf = url.asOf && isDateValue(url.asOf) ? url.asOf : undefined;
  // Computed once per value: "today" stands for a minute ago at the time it was chosen, not at every render.
  const asOfInstant = useMemo(() => (asOf ? instantOf(asOf) : undefined), [asOf]);
  const tree = useAsync(
    async (signal) =>
      answer<AlignmentAnswer>(
        await api.GET('/cycles/{id}/alignment', {
          params: { path: { id: cycle.id }, query: asOfInstant ? { asOf: asOfInstant } : {} },
          signal,
        }),
      ),
    `${cycle.id} ${asOfInstant ?? 'now'}`,
  );
  // Outputs against outcomes, a report of the present only, asked once the tree shows (it takes seconds on a
  // 10,000-objective cycle: there, on demand).
  const [wantFlags, setWantFlags] = useState(false);
  const size = tree.status === 'done' ? tree.data.objectives : undefined;
  const loadFlags = !asOf && size !== undefined && (size <= FLAGS_AT_ONCE_UP_TO || wantFlags);
  const report = useAsync(
    async (signal) =>
      answer<OutputsVsOutcomes>(await api.GET('/cycles/{id}/outputs-vs-outcomes', { params: { path: { id: cycle.id } }, signal })),
    loadFlags ? cycle.id : null,
  );
  const flags = useMemo(
    () => (!loadFlags ? undefined : report.status === 'done' ? flagsByObjective(report.data) : new Map<string, ObjectiveFlags>()),
    [loadFlags, report],
  );

  // "Compare with": the changes between that date and the date shown (now, or the "as of" date).
  const compare = url.compare && isDateValue(url.compare) ? url.compare : undefined;
  const shownAt = tree.status === 'done' ? tree.data.at : undefined;
  const compareInstant = useMemo(() => (compare ? instantOf(compare) : undefined), [compare]);
  const span = compareInstant && shownAt ? ordered(compareInstant, shownAt) : undefined;
  const diff = useAsync(
    async (signal) =>
      answer<CycleDiff>(
        await api.GET('/cycles/{id}/diff', { params: { path: { id: cycle.id }, query: { from: span!.from, to: span!.to } }, signal }),
      ),
    span ? `${cycle.id} ${span.from} ${span.to}` : null,
  );
  const changes = useMemo(() => (diff.status === 'done' ? changesByObjective(diff.data) : undefined), [diff]);

  const q = useDeferredValue(url.q ?? '');
  const filter: TreeFilter = useMemo(
    () => ({ team: url.team, owner: url.owner, health: url.health, q }),
    [url.team, url.owner, url.health, q],
  );
  const options = useMemo(() => (tree.status === 'done' ? choices(tree.data.roots) : { teams: [], owners: [] }), [tree]);
  const counts = useMemo(() => (tree.status === 'done' ? healthCounts(tree.data.roots) : undefined), [tree]);
  const today = dateInput(new Date());

  return (
    <section className="page alignment">
      <div className="page-head">
        <h1>Alignment</h1>
        <CyclePicker cycle={cycle} cycles={cycles} />
      </div>

      {asOf && (
        <div className="as-of-banner" role="status">
          <span>
            You are looking at the past: this is the tree as it stood on {formatDateTime(asOfInstant!)}. Changes since are not shown.
          </span>
          <button type="button" onClick={() => setUrl({ asOf: undefined })}>
            Back to today
          </button>
        </div>
      )}

      <form className="toolbar" role="search" aria-label="Filter objectives" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="q">Search</label>
          <input
            id="q"
            type="search"
            value={url.q ?? ''}
            placeholder="Title words"
            onChange={(event) => setUrl({ q: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="team">Team</label>
          <select id="team" value={url.team ?? ''} onChange={(event) => setUrl({ team: event.target.value })}>
            <option value="">All teams</option>
            {options.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="owner">Owner</label>
          <select id="owner" value={url.owner ?? ''} onChange={(event) => setUrl({ owner: event.target.value })}>
            <option value="">Everyone</option>
            {options.owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="health">Health</label>
          <select id="health" value={url.health ?? ''} onChange={(event) => setUrl({ health: event.target.value })}>
            <option value="">Any health</option>
            {HEALTHS.map((h) => (
              <option key={h} value={h}>
                {HEALTH_LABEL[h]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="as-of">As of</label>
          <input
            id="as-of"
            type="date"
            value={asOf && !asOf.includes('T') ? asOf : asOf ? dateInput(new Date(asOf)) : ''}
            min={cycle.startsOn}
            max={today}
            onChange={(event) => setUrl({ asOf: event.target.value || undefined })}
          />
        </div>
        <div className="field">
          <label htmlFor="compare">Compare with</label>
          <input
            id="compare"
            type="date"
            value={compare && !compare.includes('T') ? compare : compare ? dateInput(new Date(compare)) : ''}
            min={cycle.startsOn}
            max={today}
            onChange={(event) => setUrl({ compare: event.target.value || undefined })}
          />
        </div>
      </form>

      {tree.status === 'loading' && <p className="page-status">Loading the alignment…</p>}
      {tree.status === 'failed' && (
        <LoadError
          error={tree.error}
          notFound={asOf ? 'The cycle did not exist yet on that date.' : 'Not found: this cycle does not exist, or is not yours to see.'}
        />
      )}
      {tree.status === 'done' && (
        <>
          <p className="summary">
            <strong>{tree.data.objectives}</strong> objectives ·{' '}
            {HEALTHS.filter((h) => counts![h] > 0).map((h, i) => (
              <span key={h}>
                {i > 0 && ' · '}
                <span className={`health health-${h}`}>
                  {counts![h]} {HEALTH_LABEL[h].toLowerCase()}
                </span>
              </span>
            ))}{' '}
            · expected progress {percent(tree.data.expected)} {asOf ? 'then' : 'today'}
          </p>
          {!asOf && !loadFlags && (
            <p>
              <button type="button" onClick={() => setWantFlags(true)}>
                Show outputs-vs-outcomes flags
              </button>{' '}
              <span className="muted">(a large cycle: the report takes a few seconds)</span>
            </p>
          )}
          {loadFlags && report.status === 'failed' && <LoadError error={report.error} />}
          {span && diff.status === 'failed' && <LoadError error={diff.error} />}
          {span && diff.status === 'done' && <DiffPanel diff={diff.data} onClose={() => setUrl({ compare: undefined })} />}
          {span && diff.status === 'loading' && <p className="page-status">Comparing…</p>}
          <TreeTable roots={tree.data.roots} filter={filter} at={tree.data.at} flags={flags} changes={span ? changes : undefined} />
        </>
      )}
    </section>
  );
}

function ordered(a: string, b: string): { from: string; to: string } {
  return Date.parse(a) <= Date.parse(b) ? { from: a, to: b } : { from: b, to: a };
}

/** The report's flags of key results, counted by objective. */
export function flagsByObjective(report: OutputsVsOutcomes): Map<string, ObjectiveFlags> {
  const byObjective = new Map<string, ObjectiveFlags>();
  for (const kr of report.keyResults) {
    const flags = byObjective.get(kr.objectiveId) ?? { withoutOutputs: 0, outputsWithoutOutcome: 0 };
    if (kr.flags.includes('outcome_without_outputs')) flags.withoutOutputs++;
    if (kr.flags.includes('outputs_without_outcome')) flags.outputsWithoutOutcome++;
    byObjective.set(kr.objectiveId, flags);
  }
  return byObjective;
}

export function changesByObjective(diff: CycleDiff): Map<string, ObjectiveChange> {
  return new Map(diff.progress.map((p) => [p.id, { rollup: p.rollup, status: p.status }]));
}
