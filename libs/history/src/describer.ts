import { OkrEvent, OkrEventType } from '@okr/domain';
import { EntityState, HistoryValue } from './entity-state';
import { FieldChanges } from './field-changes';
import { HistoryEvent } from './history-event';
import { NameBook } from './name-book';
import { capitalised } from './value-formatting';

/** The data of each event type. */
type EventData = { [E in OkrEvent as E['type']]: E['data'] };

export interface DescribeInput<T extends OkrEventType = OkrEventType> {
  event: HistoryEvent;
  type: T;
  /** The event's data (current schema), typed by `type`. */
  data: EventData[T];
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

export type Describer<T extends OkrEventType> = (input: DescribeInput<T>) => Description;

/** The sentences of some event types: one for each (a type left out fails the type-check). */
export type Describers<T extends OkrEventType> = { [K in T]: Describer<K> };

/** A field of the entity's state before the event, else after it. */
function field(input: Pick<DescribeInput, 'before' | 'after'>, name: string): HistoryValue | undefined {
  return input.before?.fields[name] ?? input.after?.fields[name];
}

/** A text field of the entity (see field): undefined when it has none. */
export function textField(input: Pick<DescribeInput, 'before' | 'after'>, name: string): string | undefined {
  const value = field(input, name);
  return typeof value === 'string' ? value : undefined;
}

/** A number field of the entity (see field): undefined when it has none. */
export function numberField(input: Pick<DescribeInput, 'before' | 'after'>, name: string): number | undefined {
  const value = field(input, name);
  return typeof value === 'number' ? value : undefined;
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
