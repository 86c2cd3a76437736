import { ObjectiveEditableFields, ObjectiveEvent, ObjectiveEdited } from '@okr/domain';
import { ChangedPart, DescribeInput, Describers, changedSentence, textField } from './describer';
import { NameBook } from './name-book';
import { excerpt, formatNumber, formatShare, quoted } from './value-formatting';

function title(input: DescribeInput<ObjectiveEvent['type']>): string {
  return quoted(textField(input, 'title') ?? input.data.objectiveId);
}

function owner(names: NameBook, id: string | null): string {
  return id ? names.name('user', id) : 'nobody';
}

function team(names: NameBook, id: string | null): string {
  return id ? quoted(names.name('team', id)) : 'no team';
}

type Editable = keyof ObjectiveEditableFields;

/** How an edit names each field and shows its values (a previous value may be missing: null). */
const EDIT_LABELS: { [K in Editable]: { label: string; show: (value: ObjectiveEditableFields[K] | null, names: NameBook) => string } } = {
  title: { label: 'title', show: (v) => quoted(String(v)) },
  description: { label: 'description', show: (v) => excerpt(v) },
  ownerId: { label: 'owner', show: (v, names) => owner(names, v) },
  teamId: { label: 'team', show: (v, names) => team(names, v) },
  kind: { label: 'kind', show: (v) => String(v) },
};

function editedPart<K extends Editable>(name: K, data: ObjectiveEdited['data'], names: NameBook): ChangedPart {
  const { label, show } = EDIT_LABELS[name];
  return { label, from: show(data.previous[name] ?? null, names), to: show(data.changes[name] ?? null, names) };
}

function isEditable(name: string): name is Editable {
  return Object.prototype.hasOwnProperty.call(EDIT_LABELS, name);
}

/** Sentences for the events of an objective's stream. */
export const objectiveSummaries: Describers<ObjectiveEvent['type']> = {
  ObjectiveCreated(input) {
    const { data, names, by } = input;
    const details = [
      data.kind,
      data.teamId ? `team ${team(names, data.teamId)}` : null,
      data.ownerId ? `owner ${owner(names, data.ownerId)}` : null,
    ].filter(Boolean);
    const origin = data.carriedOverFrom ? ` carried over from ${quoted(names.name('objective', data.carriedOverFrom))}` : '';
    return {
      summary: `Objective ${quoted(data.title)} created in cycle ${quoted(names.name('cycle', data.cycleId))}${origin} (${details.join(', ')}) ${by}`,
    };
  },

  ObjectiveEdited(input) {
    const { data, names, by } = input;
    const parts = Object.keys(data.changes)
      .filter(isEditable)
      .map((name) => editedPart(name, data, names));
    return { summary: changedSentence(`objective ${title(input)}`, parts, by) };
  },

  ObjectiveAligned(input) {
    const { data, names, by } = input;
    const parent = quoted(names.name('objective', data.parentObjectiveId));
    if (data.previousParentObjectiveId === null || data.previousParentObjectiveId === undefined) {
      return { summary: `${title(input)} aligned under ${parent} with weight ${formatNumber(data.weight)} ${by}` };
    }
    if (data.previousParentObjectiveId === data.parentObjectiveId) {
      return {
        summary: `Alignment weight of ${title(input)} under ${parent} changed from ${formatNumber(data.previousWeight ?? 1)} to ${formatNumber(data.weight)} ${by}`,
      };
    }
    const previous = quoted(names.name('objective', data.previousParentObjectiveId));
    return { summary: `${title(input)} realigned from ${previous} to ${parent} with weight ${formatNumber(data.weight)} ${by}` };
  },

  ObjectiveUnaligned(input) {
    const { data, names, by } = input;
    return { summary: `${title(input)} no longer aligned under ${quoted(names.name('objective', data.previousParentObjectiveId))} ${by}` };
  },

  ObjectiveClosed(input) {
    const { data, by } = input;
    const how = data.scoreSource === 'computed' ? ` (the weighted mean of its key results' scores)` : '';
    const when = data.reason === 'cycle_closed' ? ' with its cycle' : '';
    return { summary: `Objective ${title(input)} closed${when} with score ${formatShare(data.score)}${how} ${by}` };
  },

  ObjectiveArchived(input) {
    const was = input.data.previousStatus === 'closed' ? ' (it was closed)' : '';
    return { summary: `Objective ${title(input)} archived${was} ${input.by}` };
  },

  ObjectiveCarriedOver(input) {
    const { data, names, by } = input;
    const count = data.keyResultIds.length;
    return {
      summary: `Objective ${title(input)} carried over to cycle ${quoted(names.name('cycle', data.toCycleId))} with ${count} key result${count === 1 ? '' : 's'} ${by}`,
    };
  },
};
