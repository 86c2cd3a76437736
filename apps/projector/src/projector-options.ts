import { EventStore } from '@okr/event-store';
import { ReadModelStore } from '@okr/read-model';

/** What the projector runs on: the configured stores and its lease settings. */
export interface ProjectorOptions {
  eventStore: EventStore;
  readModelStore: ReadModelStore;
  /** This replica's lease owner id (unique per process). */
  owner: string;
  /** PROJECTOR_LEASE_TTL_MS. */
  leaseTtlMs: number;
}

/** Injection token of the ProjectorOptions. */
export const PROJECTOR_OPTIONS = Symbol('PROJECTOR_OPTIONS');
