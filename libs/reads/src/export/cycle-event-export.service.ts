import { Inject, Injectable } from '@nestjs/common';
import { BUDGET } from '@okr/budget';
import { NotFoundError, upcastData } from '@okr/domain';
import { EventStore } from '@okr/event-store';
import { Collection, ReadModelDocument } from '@okr/read-model';
import { EVENT_STORE, ReadModels } from '@okr/platform';
import { CycleStreams } from './cycle-streams';
import { ExportFormat } from './export-events.query';
import { ExportedEvent, eventCsvHeader, eventCsvRecord, eventJsonLine, exportedEvent } from './exported-event';

export interface CycleEventExportFile {
  contentType: string;
  filename: string;
  /** The file's text, one chunk per page of the log read; pulled lazily (nothing is read ahead of the consumer). */
  chunks: AsyncIterable<string>;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
};

/**
 * Every event of a cycle (its own stream, its objectives', their key results', the initiatives linked to those),
 * in global order, as JSON Lines or CSV. The log is read page by page (`readAll({after, maxCount})`) up to its
 * head when the export starts and filtered by the cycle's streams, so memory stays bounded by one page and the
 * set of the cycle's stream ids, whatever the size of the store.
 */
@Injectable()
export class CycleEventExport {
  /** Events per `readAll` page: the most the export holds in memory at once (tests lower it to exercise paging). */
  pageSize: number = BUDGET.logReads.exportPageEvents;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly models: ReadModels,
  ) {}

  /**
   * Checks the cycle (404 when it is not the tenant's) and gathers its streams; the events are read as `chunks` is
   * consumed. `onProgress` is told the position read up to, of `until` (the analyst CLI's progress bar).
   */
  async open(
    tenantId: string,
    cycleId: string,
    format: ExportFormat,
    onProgress?: (position: number, until: number) => void,
  ): Promise<CycleEventExportFile> {
    const streams = await this.streamsOf(tenantId, cycleId);
    const until = await this.store.headPosition();
    const events = this.events(tenantId, streams, until, onProgress);
    return {
      contentType: CONTENT_TYPES[format],
      filename: `cycle-${cycleId}-events.${format}`,
      chunks: format === 'csv' ? encode(events, eventCsvRecord, eventCsvHeader()) : encode(events, eventJsonLine),
    };
  }

  /** The cycle's streams as the read models know them. */
  async streamsOf(tenantId: string, cycleId: string): Promise<CycleStreams> {
    const cycle = await (await this.models.cycles()).get(cycleId);
    if (!cycle || cycle.tenantId !== tenantId) throw new NotFoundError('cycle.not_found', `Cycle ${cycleId} not found`);
    const streams = new CycleStreams(cycleId);
    await eachDocument(await this.models.objectives(), { cycleId }, (objective) => streams.addObjective(objective.id));
    await eachDocument(await this.models.keyResults(), { cycleId }, (keyResult) => {
      streams.addKeyResult(keyResult.id);
      for (const initiativeId of keyResult.initiativeIds) streams.addInitiative(initiativeId);
    });
    return streams;
  }

  /** The cycle's events up to `until`, one array per page of the log (pages without any are skipped). */
  async *events(
    tenantId: string,
    streams: CycleStreams,
    until: number,
    onProgress?: (position: number, until: number) => void,
  ): AsyncGenerator<ExportedEvent[]> {
    let after = 0;
    while (after < until) {
      const page = await this.store.readAll({ after, maxCount: this.pageSize });
      if (page.length === 0) return;
      const out: ExportedEvent[] = [];
      for (const event of page) {
        if (event.position > until) break;
        const joins = CycleStreams.joins(event.type);
        const data = joins ? upcastData(event) : undefined;
        if (streams.admit(event.streamId, event.type, data) && event.metadata.tenantId === tenantId) out.push(exportedEvent(event, data));
      }
      if (out.length > 0) yield out;
      after = page[page.length - 1].position;
      onProgress?.(Math.min(after, until), until);
    }
  }
}

async function* encode(pages: AsyncIterable<ExportedEvent[]>, line: (event: ExportedEvent) => string, header = ''): AsyncGenerator<string> {
  // The header goes with the first page, so a request that fails before reading anything sends nothing.
  let first = header;
  for await (const page of pages) {
    yield first + page.map(line).join('');
    first = '';
  }
  if (first) yield first;
}

/** Calls `visit` for every document matching `where`, a page at a time (nothing kept). */
async function eachDocument<T extends ReadModelDocument>(
  collection: Collection<T>,
  where: Record<string, string>,
  visit: (doc: T) => void,
): Promise<void> {
  let after: string | undefined;
  for (;;) {
    const page = await collection.find({ where, limit: 1000, after });
    page.items.forEach(visit);
    if (!page.nextCursor) return;
    after = page.nextCursor;
  }
}
