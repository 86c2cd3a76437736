import { Inject, Injectable, PreconditionFailedException } from '@nestjs/common';
import { BUDGET } from '@okr/budget';
import { Decider, DomainEvent, NotFoundError, schemaVersionOf, upcastData } from '@okr/domain';
import { EventStore, EventToAppend, StoredEvent, WrongExpectedRevisionError } from '@okr/event-store';
import { LRUCache } from 'lru-cache';
import { EVENT_STORE } from '@okr/platform';
import { ID_GENERATOR, IdGenerator } from '../infrastructure/id-generator';
import { CommandContext, WriteResult } from './command-context';
import { KeyedMutex } from './keyed-mutex';

/** A stream folded into its decider's state, as one tenant sees it. */
export interface LoadedStream<State> {
  state: State;
  /** Number of events in the stream (0: no stream); the ETag and If-Match value. */
  version: number;
  /** Global position of the stream's last event (0: none). */
  position: number;
}

/** A folded stream kept between commands: only the events after `version` are read and folded next time. */
interface CachedStream {
  decider: unknown;
  tenantId: string;
  state: unknown;
  version: number;
  position: number;
}

const MAX_ATTEMPTS = 25;

/**
 * `events`: those the command appended (none when it changed nothing). `replayed`: the command was a retry of a request
 * (same Idempotency-Key) whose events were already stored, and the result is theirs (see RequestIds).
 */
export type ExecuteResult<Event, State> = WriteResult & { events: Event[]; state: State; replayed: boolean };

export interface StreamHandle<Command, Event, State> {
  execute(
    context: CommandContext,
    commands: (state: State) => Command | Command[],
    options?: { notFound?: () => Error },
  ): Promise<ExecuteResult<Event, State>>;
}

/**
 * Runs a command against one stream: load and fold, decide, append with the expected revision.
 * Without If-Match a concurrency conflict (another process wrote first) is retried on fresh state;
 * with If-Match a stale version answers 412. A stream of another tenant reads as absent (404).
 */
@Injectable()
export class StreamExecutor {
  private readonly mutex = new KeyedMutex();
  /** Folded streams, the least recently used dropped first. States are immutable values. */
  private readonly cache = new LRUCache<string, CachedStream>({ max: BUDGET.apiThread.foldedStreams });

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /**
   * Folds a stream. A cached fold is brought up to date by reading only the events after it, so it is
   * correct whatever other processes appended meanwhile. With `trustCache`, a cached fold is used as it is,
   * without a read: for a decision whose append expects the fold's revision, so that a fold another process
   * has made stale is refused by the store (and the decision retried on a fresh read), never acted upon.
   */
  async load<Command, Event extends DomainEvent, State>(
    streamId: string,
    decider: Decider<Command, Event, State>,
    tenantId: string,
    options: { trustCache?: boolean } = {},
  ): Promise<LoadedStream<State>> {
    let cached = this.cache.get(streamId);
    if (cached && cached.decider !== decider) cached = undefined;
    if (cached && options.trustCache) {
      if (cached.tenantId !== tenantId) return { state: decider.initialState(), version: 0, position: 0 };
      return { state: cached.state as State, version: cached.version, position: cached.position };
    }
    const fresh = await this.store.readStream(streamId, { fromRevision: cached?.version ?? 0 });
    if (!cached && fresh.length === 0) return { state: decider.initialState(), version: 0, position: 0 };
    let state = (cached?.state as State | undefined) ?? decider.initialState();
    // The stream holds its decider's events (as decided): in their current shape, they are its Event.
    for (const event of fresh) state = decider.evolve(state, { type: event.type, data: upcastData(event) } as Event);
    const entry: CachedStream = {
      decider,
      tenantId: cached?.tenantId ?? fresh[0].metadata.tenantId,
      state,
      version: (cached?.version ?? 0) + fresh.length,
      position: fresh.length ? fresh[fresh.length - 1].position : cached!.position,
    };
    this.cache.set(streamId, entry);
    if (entry.tenantId !== tenantId) return { state: decider.initialState(), version: 0, position: 0 };
    return { state, version: entry.version, position: entry.position };
  }

  /** The raw events of a stream (for the few handlers that need event ids). */
  readStream(streamId: string): Promise<StoredEvent[]> {
    return this.store.readStream(streamId);
  }

  /** True when the stream exists and belongs to another tenant. */
  private async foreign(streamId: string, tenantId: string): Promise<boolean> {
    const first = await this.store.readStream(streamId, { maxCount: 1 });
    return first.length > 0 && first[0].metadata.tenantId !== tenantId;
  }

  /** A handle on one stream whose command type is fixed by its decider (so command literals type-check). */
  stream<Command, Event extends DomainEvent, State>(
    streamId: string,
    decider: Decider<Command, Event, State>,
  ): StreamHandle<Command, Event, State> {
    return {
      execute: (context, commands, options) => this.execute(streamId, decider, context, commands, options),
    };
  }

  /**
   * Decides `commands(state)` (one or several, applied in order on evolving state) and appends the events.
   * Returns the version and position after the write (unchanged when the decision produced no events).
   * `notFound`: the error to throw when the stream does not exist (for updates, even when nothing changes).
   * With an Idempotency-Key (context.requestIds) the events get the request's event ids; when they are already in
   * the stream (an earlier attempt of the request appended them), nothing is decided again: the result is theirs,
   * as the first attempt answered it.
   */
  async execute<Command, Event extends DomainEvent, State>(
    streamId: string,
    decider: Decider<Command, Event, State>,
    context: CommandContext,
    commands: (state: State) => Command | Command[],
    options: { notFound?: () => Error } = {},
  ): Promise<ExecuteResult<Event, State>> {
    const tenantId = context.principal.tenantId;
    const requestEventId = context.requestIds?.nextAppend(streamId);
    return this.mutex.run(streamId, async () => {
      if (requestEventId) {
        const recorded = await this.recorded(streamId, decider, tenantId, requestEventId);
        if (recorded) return recorded;
      }
      // The first attempt decides on the cached fold, unread: the append's expected revision refuses it if
      // another process has appended since. An answer the fold alone would give (a domain error, nothing to
      // do) is only given after reading the stream. A retry after a conflict, and If-Match, always read.
      let trustCache = context.expectedVersion === undefined;
      for (let attempt = 1; ; attempt++) {
        const trusted = trustCache;
        trustCache = false;
        const loaded = await this.load(streamId, decider, tenantId, { trustCache: trusted });
        if (context.expectedVersion !== undefined && context.expectedVersion !== loaded.version) {
          throw new PreconditionFailedException(
            `The resource is at version ${loaded.version}, not ${context.expectedVersion} (If-Match): re-read it and retry`,
          );
        }
        if (loaded.version === 0 && options.notFound) throw options.notFound();
        let state = loaded.state;
        const produced: Event[] = [];
        try {
          const list = commands(state);
          for (const command of Array.isArray(list) ? list : [list]) {
            const events = decider.decide(command, state);
            for (const event of events) state = decider.evolve(state, event);
            produced.push(...events);
          }
        } catch (error) {
          if (trusted) continue;
          throw error;
        }
        if (produced.length === 0) {
          if (trusted) continue;
          return { version: loaded.version, position: loaded.position, events: produced, state, replayed: false };
        }
        if (loaded.version === 0 && (await this.foreign(streamId, tenantId))) {
          throw new NotFoundError('not_found', 'Resource not found');
        }
        try {
          const result = await this.store.appendToStream(
            streamId,
            produced.map((e, i) => this.toAppend(e, context, requestEventId ? requestEventId(i) : this.ids.next())),
            {
              expectedRevision: loaded.version === 0 ? 'no_stream' : loaded.version - 1,
            },
          );
          const version = result.nextExpectedRevision + 1;
          this.cache.set(streamId, { decider, tenantId, state, version, position: result.position });
          return { version, position: result.position, events: produced, state, replayed: false };
        } catch (error) {
          if (!(error instanceof WrongExpectedRevisionError)) throw error;
          if (context.expectedVersion !== undefined) {
            throw new PreconditionFailedException('The resource was changed concurrently (If-Match): re-read it and retry');
          }
          if (attempt >= MAX_ATTEMPTS) throw error;
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
        }
      }
    });
  }

  /**
   * The result of the append this request made to the stream in an earlier attempt, found by the event id of its
   * first event (`requestEventId(0)`): the version and position after its last event, its events and the state
   * they left. Undefined when the request has not appended there yet.
   */
  private async recorded<Command, Event extends DomainEvent, State>(
    streamId: string,
    decider: Decider<Command, Event, State>,
    tenantId: string,
    requestEventId: (index: number) => string,
  ): Promise<ExecuteResult<Event, State> | undefined> {
    const stored = await this.store.readStream(streamId);
    const first = stored.findIndex((event) => event.metadata.eventId === requestEventId(0));
    if (first === -1 || stored[0].metadata.tenantId !== tenantId) return undefined;
    let last = first;
    while (last + 1 < stored.length && stored[last + 1].metadata.eventId === requestEventId(last + 1 - first)) last++;
    const events = stored.slice(0, last + 1).map((event) => ({ type: event.type, data: upcastData(event) }) as Event);
    const state = events.reduce((folded, event) => decider.evolve(folded, event), decider.initialState());
    return { version: last + 1, position: stored[last].position, events: events.slice(first), state, replayed: true };
  }

  private toAppend(event: DomainEvent, context: CommandContext, eventId: string): EventToAppend {
    return {
      type: event.type,
      data: event.data,
      metadata: {
        eventId,
        tenantId: context.principal.tenantId,
        actorId: context.principal.userId,
        correlationId: context.correlationId,
        causationId: context.causationId ?? context.commandId,
        commandId: context.commandId,
        recordedAt: context.now.toISOString(),
        schemaVersion: schemaVersionOf(event.type),
      },
    };
  }
}
