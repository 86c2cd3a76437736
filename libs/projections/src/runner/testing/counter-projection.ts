import { EventToAppend } from '@okr/event-store';
import { ReadModelDocument } from '@okr/read-model';
import { DocumentChange, Projection } from '../../projection';

/** The runner specs' projection: one document counting every event. */
export type Count = ReadModelDocument & { count: number };

export const counterProjection: Projection = {
  name: 'counter',
  version: 1,
  collections: [{ name: 'counts', indexes: [] }],
  async project(_event, read): Promise<DocumentChange[]> {
    const doc = (await read.get<Count>('counts', 'all')) ?? { id: 'all', version: 0, count: 0 };
    return [{ kind: 'put', collection: 'counts', doc: { ...doc, count: doc.count + 1 } }];
  },
};

/** Event number `i` for the counter (event ids `<prefix><i>`). */
export function happened(i: number, prefix = 'e'): EventToAppend {
  return {
    type: 'Happened',
    data: { i },
    metadata: {
      eventId: `${prefix}${i}`,
      tenantId: 't',
      actorId: 'a',
      correlationId: 'c',
      causationId: 'c',
      commandId: 'c',
      recordedAt: '2026-01-01T00:00:00.000Z',
      schemaVersion: 1,
    },
  };
}
