import { Describer } from './describer';
import { fieldChanges } from './field-changes';
import { FoldedEvent } from './history-folder';
import { HistoryEntry } from './history-entry';
import { initiativeSummaries } from './initiative-summaries';
import { keyResultSummaries } from './key-result-summaries';
import { NameBook } from './name-book';
import { objectiveSummaries } from './objective-summaries';
import { organisationSummaries } from './organisation-summaries';

const DESCRIBERS: Readonly<Record<string, Describer>> = {
  ...organisationSummaries,
  ...objectiveSummaries,
  ...keyResultSummaries,
  ...initiativeSummaries,
};

/** Event types that have a sentence of their own. */
export const DESCRIBED_EVENT_TYPES: readonly string[] = Object.keys(DESCRIBERS);

/**
 * The history entry of a folded event: who, when, what changed (from the states before and after) and a
 * sentence saying it. Names of other things (owners, teams, parents) come from `names`; the entity's own
 * title is the one it had at the time.
 */
export function describe(folded: FoldedEvent, names: NameBook): HistoryEntry {
  const { event, before, after } = folded;
  const actor = { id: event.metadata.actorId, name: names.name('user', event.metadata.actorId) };
  const by = `by ${actor.name}`;
  const changes = fieldChanges(before, after);
  const describer = DESCRIBERS[event.type];
  const description = describer
    ? describer({ event, data: event.data, before, after, changes, names, by })
    : { summary: `${event.type} on ${event.streamId} ${by}` };
  const effectiveAt = event.type === 'KeyResultCheckedIn' ? (event.data as { effectiveAt?: string }).effectiveAt : undefined;
  return {
    position: event.position,
    recordedAt: event.metadata.recordedAt,
    ...(effectiveAt ? { effectiveAt } : {}),
    actor,
    type: event.type,
    streamId: event.streamId,
    summary: description.summary,
    changes: description.changes ?? changes,
    ...(description.reason !== undefined ? { reason: description.reason } : {}),
  };
}
