import { Inject, Injectable } from '@nestjs/common';
import {
  KeyResultCheckedIn,
  NotFoundError,
  StreamCategory,
  compareCheckIns,
  effectiveMillis,
  eventsOf,
  streamName,
  upcastData,
} from '@okr/domain';
import { EventStore, StoredEvent } from '@okr/event-store';
import { EVENT_STORE, ReadModels } from '@okr/platform';
import { CheckInSeriesCursor, decodeCheckInSeriesCursor, encodeCheckInSeriesCursor } from './check-in-series-cursor';

/** One check-in as GET /api/key-results/:id/check-ins answers it. */
export interface CheckInView {
  id: string;
  value: number;
  confidence: number;
  note: string | null;
  effectiveAt: string;
  recordedAt: string;
  actor: { id: string; name: string };
}

export interface CheckInSeriesPage {
  keyResultId: string;
  items: CheckInView[];
  nextCursor: string | null;
}

/** A check-in of the stream, where it stands in the series. */
interface SeriesEntry {
  data: KeyResultCheckedIn['data'];
  event: StoredEvent;
  /** When its value held. */
  effectiveAt: string;
  /** Order of recording among the key result's check-ins (0-based). */
  sequence: number;
}

const isCheckIn = eventsOf(['KeyResultCheckedIn']);

/** Where a check-in stands in the series' order (compareCheckIns), as a cursor says it. */
function cursorOf(entry: SeriesEntry): CheckInSeriesCursor {
  return { effectiveAt: effectiveMillis(entry.effectiveAt), sequence: entry.sequence };
}

/** True when the entry comes after the cursor in the series' order. */
function after(entry: SeriesEntry, cursor: CheckInSeriesCursor): boolean {
  const at = effectiveMillis(entry.effectiveAt);
  return at > cursor.effectiveAt || (at === cursor.effectiveAt && entry.sequence > cursor.sequence);
}

/**
 * The check-in series of a key result, read from the key result's own stream (one indexed read; always
 * current, no projection lag): its KeyResultCheckedIn events in their current shape (v1 check-ins upcast),
 * numbered in the order they were recorded, in the order of check-ins (compareCheckIns: its last is the current
 * one), paged by where the last check-in passed stands. Only the actors' names come from the read models.
 */
@Injectable()
export class CheckInSeries {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly models: ReadModels,
  ) {}

  async page(tenantId: string, keyResultId: string, limit: number, cursor?: string): Promise<CheckInSeriesPage> {
    const from = cursor === undefined ? undefined : decodeCheckInSeriesCursor(cursor);
    const events = await this.store.readStream(streamName(StreamCategory.keyResult, keyResultId));
    // A key result belongs to the tenant that created it (its first event); a removed one still has its series.
    if (events.length === 0 || events[0].metadata.tenantId !== tenantId) {
      throw new NotFoundError('key_result.not_found', `Key result ${keyResultId} not found`);
    }
    const entries: SeriesEntry[] = [];
    for (const event of events) {
      const typed = { type: event.type, data: upcastData(event) };
      if (isCheckIn(typed)) entries.push({ data: typed.data, event, effectiveAt: typed.data.effectiveAt, sequence: entries.length });
    }
    entries.sort(compareCheckIns);
    const remaining = from ? entries.filter((e) => after(e, from)) : entries;
    const page = remaining.slice(0, limit);
    const users = await (await this.models.users()).getMany([...new Set(page.map((e) => e.event.metadata.actorId))]);
    const names = new Map(users.map((u) => [u.id, u.name]));
    return {
      keyResultId,
      items: page.map(({ data, event }) => ({
        id: data.checkInId,
        value: data.value,
        confidence: data.confidence,
        note: data.note,
        effectiveAt: data.effectiveAt,
        recordedAt: event.metadata.recordedAt,
        actor: { id: event.metadata.actorId, name: names.get(event.metadata.actorId) ?? event.metadata.actorId },
      })),
      nextCursor: remaining.length > limit ? encodeCheckInSeriesCursor(cursorOf(page[page.length - 1])) : null,
    };
  }
}
