import { Inject, Injectable } from '@nestjs/common';
import { EventStore } from '@okr/event-store';
import { okrProjection } from '@okr/projections';
import { ReadModelStore } from '@okr/read-model';
import { EVENT_STORE, ProjectionsService, PROJECTOR_MODE, ProjectorMode, READ_MODEL_STORE, timedCheck } from '@okr/platform';
import { eventStoreKind, readModelStoreKind } from './backend-kind';

/** How long each dependency may take to answer before it counts as down (below the usual 3 s probe timeout). */
export const HEALTH_CHECK_TIMEOUT_MS = 2000;

/** ok: every dependency answers; degraded: some do not; down: none does. */
export type HealthStatus = 'ok' | 'degraded' | 'down';

export interface DependencyHealth {
  kind: string;
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
}

export interface HealthReport {
  status: HealthStatus;
  dependencies: {
    eventStore: DependencyHealth & { headPosition?: number };
    readModels: DependencyHealth;
  };
  projections: {
    /** embedded: this process runs them; external: a projector process does. */
    mode: ProjectorMode;
    /** Up to where the read models this API serves are complete (null when unknown: the read store is down). */
    position: number | null;
    /** Events in the log not yet in the read models: head - position (null when either is unknown). */
    lag: number | null;
    /** The stored checkpoint of the okr projection (null when the read store is down). */
    checkpoint: number | null;
    /** Embedded mode: whether the runner follows the log, and its last error (null when the last batch succeeded). */
    running?: boolean;
    lastError?: string | null;
  };
}

/**
 * The checks behind /api/health: the event store answers (its head position), the read-model store answers
 * (the okr projection's checkpoint), and how far the projections are behind. Each check has a deadline, and
 * nothing here throws: a dependency that fails is reported down.
 */
@Injectable()
export class HealthService {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(PROJECTOR_MODE) private readonly mode: ProjectorMode,
    private readonly projections: ProjectionsService,
  ) {}

  async check(timeoutMs = HEALTH_CHECK_TIMEOUT_MS): Promise<HealthReport> {
    const [head, checkpoint] = await Promise.all([
      timedCheck(() => this.events.headPosition(), timeoutMs),
      timedCheck(() => this.readModels.checkpoint(okrProjection.name), timeoutMs),
    ]);
    const eventStore = {
      kind: eventStoreKind(this.events),
      status: head.status,
      latencyMs: head.latencyMs,
      ...(head.value !== undefined ? { headPosition: head.value } : {}),
      ...(head.error !== undefined ? { error: head.error } : {}),
    };
    const readModels = {
      kind: readModelStoreKind(this.readModels),
      status: checkpoint.status,
      latencyMs: checkpoint.latencyMs,
      ...(checkpoint.error !== undefined ? { error: checkpoint.error } : {}),
    };

    const stored = checkpoint.value ?? null;
    const runner = this.projections.status();
    const position = runner ? runner.position : stored;
    const projections: HealthReport['projections'] = {
      mode: this.mode,
      position,
      lag: head.value !== undefined && position !== null ? Math.max(0, head.value - position) : null,
      checkpoint: stored,
      ...(runner ? { running: runner.running, lastError: runner.lastError } : {}),
    };

    const down = [eventStore, readModels].filter((d) => d.status === 'down').length;
    const status: HealthStatus = down === 0 ? 'ok' : down === 2 ? 'down' : 'degraded';
    return { status, dependencies: { eventStore, readModels }, projections };
  }
}
