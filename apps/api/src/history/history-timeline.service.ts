import { Inject, Injectable } from '@nestjs/common';
import { StreamCategory, categoryOf } from '@okr/domain';
import { EventStore } from '@okr/event-store';
import { FoldedEvent, HistoryEntry, HistoryFolder, RecordingNameBook, describe } from '@okr/history';
import { EVENT_STORE } from '@okr/platform';
import { HistoryNames } from './history-names';
import { decodeHistoryCursor, encodeHistoryCursor } from './history-cursor';
import { HistoryScope } from './history-scope';

export interface TimelinePage {
  order: 'asc' | 'desc';
  items: HistoryEntry[];
  nextCursor: string | null;
}

export interface TimelineRequest {
  order: 'asc' | 'desc';
  limit: number;
  cursor?: string;
}

/** An initiative's event belongs to a timeline while the initiative is linked to one of its key results (before or after the event). */
function relevant(folded: FoldedEvent, keyResultIds: ReadonlySet<string>): boolean {
  if (categoryOf(folded.event.streamId) !== StreamCategory.initiative) return true;
  const linked = (state: FoldedEvent['before']) =>
    ((state?.fields.keyResultIds as readonly string[] | undefined) ?? []).some((id) => keyResultIds.has(id));
  return linked(folded.before) || linked(folded.after);
}

/**
 * A timeline read from the event store (never from the read models): the scope's streams are read whole,
 * merged in log order and folded, so every entry's changes come from the state just before it; then one
 * page is described (names looked up once for the page).
 */
@Injectable()
export class HistoryTimeline {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly names: HistoryNames,
  ) {}

  async page(tenantId: string, scope: HistoryScope, request: TimelineRequest): Promise<TimelinePage> {
    const cursor = request.cursor === undefined ? undefined : decodeHistoryCursor(request.cursor, request.order);
    const streams = await Promise.all(scope.streamIds.map((id) => this.store.readStream(id)));
    const events = streams
      .flat()
      .filter((e) => e.metadata.tenantId === tenantId)
      .sort((a, b) => a.position - b.position);
    const folder = new HistoryFolder();
    let folded = events.map((e) => folder.apply(e)).filter((f) => relevant(f, scope.keyResultIds));
    if (request.order === 'desc') folded.reverse();
    if (cursor)
      folded = folded.filter((f) => (request.order === 'desc' ? f.event.position < cursor.position : f.event.position > cursor.position));
    const page = folded.slice(0, request.limit);
    const more = folded.length > request.limit;
    const wanted = new RecordingNameBook();
    for (const f of page) describe(f, wanted);
    const names = await this.names.lookup(tenantId, wanted);
    return {
      order: request.order,
      items: page.map((f) => describe(f, names)),
      nextCursor: more ? encodeHistoryCursor({ order: request.order, position: page[page.length - 1].event.position }) : null,
    };
  }
}
