import { OKR_EVENT_TYPES, OkrEventType, isOkrEvent, upcastData } from '@okr/domain';
import { evolveEntity } from './entity-fold';
import { EntityState } from './entity-state';
import { HistoryEvent } from './history-event';

/** Every event type history knows how to fold and describe: all of the domain's. */
export const HISTORY_EVENT_TYPES: readonly OkrEventType[] = OKR_EVENT_TYPES;

/** An event with its data in the current schema, and the state of its stream just before and just after it. */
export interface FoldedEvent {
  event: HistoryEvent;
  before: EntityState | null;
  after: EntityState | null;
}

/**
 * Folds events of any streams into what history needs per stream. Each stream's events must arrive in
 * revision order (streams may interleave freely, e.g. in log order). States are immutable, so every
 * FoldedEvent keeps its own before and after.
 */
export class HistoryFolder {
  private readonly states = new Map<string, EntityState | null>();
  private readonly folded = new Map<string, number>();

  apply(stored: HistoryEvent): FoldedEvent {
    const event: HistoryEvent = { ...stored, data: upcastData(stored) };
    const before = this.states.get(event.streamId) ?? null;
    const after = isOkrEvent(event) ? evolveEntity(before, event) : before;
    this.states.set(event.streamId, after);
    this.folded.set(event.streamId, event.revision + 1);
    return { event, before, after };
  }

  /** The state of a stream after the events applied so far (null: none, or not an entity history knows). */
  state(streamId: string): EntityState | null {
    return this.states.get(streamId) ?? null;
  }

  /** How many events of the stream have been applied (the next revision expected). */
  foldedRevisions(streamId: string): number {
    return this.folded.get(streamId) ?? 0;
  }
}
