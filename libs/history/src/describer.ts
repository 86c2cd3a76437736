import { EntityState } from './entity-state';
import { FieldChanges } from './field-changes';
import { HistoryEvent } from './history-event';
import { NameBook } from './name-book';
import { capitalised } from './value-formatting';

export interface DescribeInput {
  event: HistoryEvent;
  /** The event's data (current schema). */
  data: any;
  before: EntityState | null;
  after: EntityState | null;
  /** From the states before and after (fieldChanges). */
  changes: FieldChanges;
  names: NameBook;
  /** "by Ada Lovelace". */
  by: string;
}

/** The sentence of one event type, and where the generic changes are not the right ones, its own. */
export interface Description {
  summary: string;
  reason?: string;
  changes?: FieldChanges;
}

export type Describer = (input: DescribeInput) => Description;

/** A field of the entity's state before the event, else after it. */
export function field(input: Pick<DescribeInput, 'before' | 'after'>, name: string): any {
  return input.before?.fields[name] ?? input.after?.fields[name];
}

export interface ChangedPart {
  label: string;
  from: string;
  to: string;
}

/** "Title of 'Old' changed from 'Old' to 'New', owner from Ada to Bob by X". */
export function changedSentence(subject: string, parts: readonly ChangedPart[], by: string): string {
  if (parts.length === 0) return `${capitalised(subject)} edited ${by}`;
  const [first, ...rest] = parts;
  const head = `${capitalised(first.label)} of ${subject} changed from ${first.from} to ${first.to}`;
  return [head, ...rest.map((p) => `${p.label} from ${p.from} to ${p.to}`)].join(', ') + ` ${by}`;
}
