import { FieldChanges } from './field-changes';

/** One line of a timeline or of the audit trail. */
export interface HistoryEntry {
  /** Global position of the event in the log. */
  position: number;
  recordedAt: string;
  /** Check-ins: the time the value applies to (may be earlier than recordedAt: backdated). */
  effectiveAt?: string;
  actor: { id: string; name: string };
  type: string;
  streamId: string;
  /** A sentence: "Target of 'Reduce churn' changed from 3 % to 2.5 % by Ada Lovelace: board asked for more". */
  summary: string;
  /** Each field the event changed, with its value before and after (creations: from null). */
  changes: FieldChanges;
  /** The why given with the change: a new target's reason, a check-in's note. */
  reason?: string;
}
