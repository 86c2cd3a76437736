import { InitiativeEvent } from '@okr/domain';
import { ChangedPart, DescribeInput, Describers, changedSentence, textField } from './describer';
import { listed, quoted, words } from './value-formatting';

function title(input: DescribeInput<InitiativeEvent['type']>): string {
  return quoted(textField(input, 'title') ?? input.data.initiativeId);
}

function keyResult(input: DescribeInput, id: string): string {
  return quoted(input.names.name('keyResult', id));
}

/** Sentences for the events of an initiative's stream. */
export const initiativeSummaries: Describers<InitiativeEvent['type']> = {
  InitiativeCreated(input) {
    const { data, names, by } = input;
    const links = data.keyResultIds.length ? `, linked to ${listed(data.keyResultIds.map((id) => keyResult(input, id)))},` : '';
    const owner = data.ownerId ? ` (owner ${names.name('user', data.ownerId)})` : '';
    return { summary: `Initiative ${quoted(data.title)}${owner} created${links} ${by}` };
  },

  InitiativeEdited(input) {
    const { data, names, by } = input;
    const parts: ChangedPart[] = [];
    if ('title' in data.changes)
      parts.push({ label: 'title', from: quoted(data.previous.title ?? ''), to: quoted(data.changes.title ?? '') });
    if ('ownerId' in data.changes) {
      const show = (id: string | null | undefined) => (id ? names.name('user', id) : 'nobody');
      parts.push({ label: 'owner', from: show(data.previous.ownerId), to: show(data.changes.ownerId) });
    }
    return { summary: changedSentence(`initiative ${title(input)}`, parts, by) };
  },

  InitiativeKeyResultLinked(input) {
    return { summary: `Initiative ${title(input)} linked to key result ${keyResult(input, input.data.keyResultId)} ${input.by}` };
  },

  InitiativeKeyResultUnlinked(input) {
    return { summary: `Initiative ${title(input)} unlinked from key result ${keyResult(input, input.data.keyResultId)} ${input.by}` };
  },

  InitiativeStatusChanged(input) {
    const { data, by } = input;
    return { summary: `Status of initiative ${title(input)} changed from ${words(data.previousStatus)} to ${words(data.status)} ${by}` };
  },
};
