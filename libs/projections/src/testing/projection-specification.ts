import { InMemoryEventStore } from '@okr/event-store';
import { InMemoryReadModelStore, ReadModelDocument } from '@okr/read-model';
import { Projection } from '../projection';
import { ProjectionRunner } from '../runner/projection-runner';
import { okrEventAppender } from './okr-event-appender';

/** An event of a specification: its stream, type and data; tenant and time may be given (else tenant-1, a minute per event). */
export interface SpecEvent {
  streamId: string;
  type: string;
  data: object;
  tenantId?: string;
  recordedAt?: string;
}

/** Documents expected in some collections, by id: each as `toMatchObject` reads it, or null for "absent". */
export type ExpectedDocuments = Record<string, Record<string, object | null>>;

/** The documents of the projection's collections, by collection and id. */
export type Documents = Record<string, Record<string, ReadModelDocument>>;

export interface ProjectionThen {
  /**
   * The listed documents are as expected (collections and documents not listed are not looked at). Then checks, for
   * every given and when event, that replaying them all again changes no document, and that projecting them one
   * event per batch gives the same documents as the batches of the run.
   */
  then(expected: ExpectedDocuments): Promise<Documents>;
}

export interface ProjectionWhen {
  when(events: readonly SpecEvent[]): ProjectionThen;
}

/**
 * Projects events with the real runner into an in-memory read-model store, step by step: each step's events are
 * appended, then projected (in batches of `batchSize`, by default the whole step in one).
 */
async function project(projection: Projection, steps: readonly (readonly SpecEvent[])[], batchSize?: number) {
  const log = new InMemoryEventStore();
  const store = new InMemoryReadModelStore();
  let clock = Date.parse('2026-01-05T09:00:00.000Z');
  const recordedAt = steps.flat().map((e) => e.recordedAt ?? new Date((clock += 60_000)).toISOString());
  const { append } = okrEventAppender(log, (n) => recordedAt[n - 1]);
  for (const step of steps) {
    for (const e of step) await append(e.streamId, e.type, { ...e.data }, e.tenantId);
    await new ProjectionRunner(log, store, projection, batchSize ? { batchSize } : {}).catchUp();
  }
  const documents = async (): Promise<Documents> => {
    const out: Documents = {};
    for (const spec of projection.collections) {
      const docs: Record<string, ReadModelDocument> = {};
      for await (const doc of (await store.collection(spec)).scan()) docs[doc.id] = doc;
      out[spec.name] = docs;
    }
    return out;
  };
  return { log, store, documents };
}

/**
 * Given/when/then for projections, as emmett's projection specifications (and this code's DeciderSpecification):
 * the `given` events are projected first, then the `when` events, then the documents are compared with the
 * expected ones:
 *
 *   const spec = ProjectionSpecification.for(okrProjection);
 *   await spec.given([scheduled]).when([closed]).then({ cycles: { q1: { status: 'closed' } } });
 *
 * The real ProjectionRunner projects them (an in-memory log and read-model store), so batching, settling and the
 * version guards are the production ones. Test-only: it uses jest's global `expect`.
 */
function specFor(projection: Projection) {
  return {
    given: (given: readonly SpecEvent[]): ProjectionWhen => ({
      when: (when: readonly SpecEvent[]): ProjectionThen => ({
        async then(expected) {
          // The given events in one batch, then the when events in another, as a live runner meets them.
          const run = await project(projection, [given, when]);
          const documents = await run.documents();
          for (const [collection, byId] of Object.entries(expected)) {
            expect(documents[collection]).toBeDefined();
            for (const [id, doc] of Object.entries(byId)) {
              if (doc === null) expect([collection, id, documents[collection][id]]).toEqual([collection, id, undefined]);
              else expect({ collection, id, doc: documents[collection][id] }).toMatchObject({ collection, id, doc });
            }
          }
          // Replaying every event changes nothing (documents are version-guarded).
          await run.store.resetCheckpoint(projection.name);
          await new ProjectionRunner(run.log, run.store, projection).catchUp();
          expect(await run.documents()).toEqual(documents);
          // The documents do not depend on how the events were batched.
          const oneByOne = await project(projection, [[...given, ...when]], 1);
          expect(await oneByOne.documents()).toEqual(documents);
          return documents;
        },
      }),
    }),
  };
}

export const ProjectionSpecification = {
  for: specFor,
};
