import { Inject, Injectable } from '@nestjs/common';
import { KeyResultCheckedIn, NotFoundError, StreamCategory, streamName } from '@okr/domain';
import { EventStore, StoredEvent } from '@okr/event-store';
import { upcast } from '../application/event-schema';
import { EVENT_STORE } from '../infrastructure/event-store.token';
import { ReadModels } from '../read-side/read-models';
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

/** A check-in of the stream with its sort key. */
interface SeriesEntry {
  data: KeyResultCheckedIn['data'];
  event: StoredEvent;
  /** Order of recording among the key result's check-ins (0-based). */
  sequence: number;
  /** Epoch ms of effectiveAt (an unreadable one sorts last). */
  instant: number;
}

function instantOf(effectiveAt: string): number {
  const instant = Date.parse(effectiveAt);
  return Number.isNaN(instant) ? Number.MAX_VALUE : instant;
}

function compare(a: CheckInSeriesCursor, b: CheckInSeriesCursor): number {
  return a.effectiveAt - b.effectiveAt || a.sequence - b.sequence;
}

/**
 * The check-in series of a key result, read from the key result's own stream (one indexed read; always
 * current, no projection lag): its KeyResultCheckedIn events in their current shape (v1 check-ins upcast),
 * numbered in the order they were recorded, ordered by effective time then by that number, paged by the sort
 * key of the last check-in passed. Only the actors' names come from the read models.
 */
@Injectable()
export class CheckInSeries {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly models: ReadModels,
  ) {}

  async page(tenantId: string, keyResultId: string, limit: number, cursor?: string): Promise<CheckInSeriesPage> {
    const after = cursor === undefined ? undefined : decodeCheckInSeriesCursor(cursor);
    const events = await this.store.readStream(streamName(StreamCategory.keyResult, keyResultId));
    // A key result belongs to the tenant that created it (its first event); a removed one still has its series.
    if (events.length === 0 || events[0].metadata.tenantId !== tenantId) {
      throw new NotFoundError('key_result.not_found', `Key result ${keyResultId} not found`);
    }
    const entries: SeriesEntry[] = [];
    for (const event of events) {
      if (event.type !== 'KeyResultCheckedIn') continue;
      const data = upcast(event).data as KeyResultCheckedIn['data'];
      entries.push({ data, event, sequence: entries.length, instant: instantOf(data.effectiveAt) });
    }
    const key = (e: SeriesEntry): CheckInSeriesCursor => ({ effectiveAt: e.instant, sequence: e.sequence });
    entries.sort((a, b) => compare(key(a), key(b)));
    const remaining = after ? entries.filter((e) => compare(key(e), after) > 0) : entries;
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
      nextCursor: remaining.length > limit ? encodeCheckInSeriesCursor(key(page[page.length - 1])) : null,
    };
  }
}
