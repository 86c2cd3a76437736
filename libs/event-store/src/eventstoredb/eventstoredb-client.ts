import type { EventStoreDBClient } from '@eventstore/db-client';

/**
 * The part of @eventstore/db-client's EventStoreDBClient the adapter uses, with the client's own types.
 * The store takes any object of this shape, so unit tests can drive it with an in-memory fake
 * (testing/fake-eventstoredb-client.ts) and a switch of client package touches one type here.
 */
export type EventStoreDbClient = Pick<EventStoreDBClient, 'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'>;
