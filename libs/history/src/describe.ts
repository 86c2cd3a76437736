import { OkrEventType, isOkrEvent } from '@okr/domain';
import { DescribeInput, Describers, Description } from './describer';
import { fieldChanges } from './field-changes';
import { FoldedEvent } from './history-folder';
import { HistoryEntry } from './history-entry';
import { initiativeSummaries } from './initiative-summaries';
import { keyResultSummaries } from './key-result-summaries';
import { NameBook } from './name-book';
import { objectiveSummaries } from './objective-summaries';
import { organisationSummaries } from './organisation-summaries';

const DESCRIBERS: Describers<OkrEventType> = {
  ...organisationSummaries,
  ...objectiveSummaries,
  ...keyResultSummaries,
  ...initiativeSummaries,
};

/** The sentence of the input's event type (`DESCRIBERS[input.type]` is the describer of exactly that type). */
function sentence<T extends OkrEventType>(input: DescribeInput<T>): Description {
  return DESCRIBERS[input.type](input);
}

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
  const description = isOkrEvent(event)
    ? sentence({ event, type: event.type, data: event.data, before, after, changes, names, by })
    : { summary: `${event.type} on ${event.streamId} ${by}` };
  const effectiveAt = isOkrEvent(event) && event.type === 'KeyResultCheckedIn' ? event.data.effectiveAt : undefined;
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
