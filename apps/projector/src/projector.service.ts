import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { BUDGET } from '@okr/budget';
import { LeasedProjector, ProjectionRunner, ProjectionStatus, okrProjection } from '@okr/projections';
import { PROJECTOR_LEASE_NAME } from '@okr/platform';
import { PROJECTOR_OPTIONS, ProjectorOptions } from './projector-options';

export interface ProjectorStatus {
  owner: string;
  /** True while this replica holds the lease and projects. */
  active: boolean;
  /** The lease's holder as last seen (this replica or another), null when nobody holds it. */
  holder: string | null;
  expiresAt: string | null;
  projections: ProjectionStatus[];
  stopping: boolean;
}

/**
 * Runs the okr projection under the projector lease: of several replicas one is active (catches up, then
 * follows the log live), the others stand by and take over within the lease's TTL once it is released or
 * expires. Stopping is graceful: the batch in flight finishes and stores its checkpoint, then the lease is
 * released so a standby replica takes over at once.
 */
@Injectable()
export class ProjectorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projector');
  private readonly runner: ProjectionRunner;
  private readonly leased: LeasedProjector;
  private stopping = false;

  constructor(@Inject(PROJECTOR_OPTIONS) options: ProjectorOptions) {
    this.runner = new ProjectionRunner(options.eventStore, options.readModelStore, okrProjection, {
      // The lease holder is the only writer: keep hot documents in memory (dropped when the lease is lost or
      // another writer moves the checkpoint), and rebuild read models built by another projection version.
      retain: { maxDocuments: BUDGET.projectionRunner.projectorRetainedDocuments },
      // Batches of ~20 ms of commits when following live (the ancestors several check-ins share are stored once).
      followDelayMs: 20,
      ensureVersion: {
        onRebuild: (stored) =>
          this.logger.warn(
            `Read models were built by version ${stored} of projection 'okr'; rebuilding them for version ${okrProjection.version}`,
          ),
      },
      onError: (error) => this.logger.error(`Projection '${okrProjection.name}' failed; retrying: ${describe(error)}`),
    });
    this.leased = new LeasedProjector(options.readModelStore, [this.runner], {
      owner: options.owner,
      leaseName: PROJECTOR_LEASE_NAME,
      ttlMs: options.leaseTtlMs,
      onStateChange: (state, { holder, expiresAt }) => {
        const until = expiresAt !== null ? ` until ${new Date(expiresAt).toISOString()}` : '';
        if (state === 'active')
          this.logger.log(`Active: holding lease '${PROJECTOR_LEASE_NAME}'${until}; projecting from position ${this.runner.position}`);
        else if (this.stopping) this.logger.log(`Stopped projecting at position ${this.runner.position}; lease released`);
        else this.logger.log(`Standby: lease '${PROJECTOR_LEASE_NAME}' ${holder ? `held by ${holder}${until}` : 'not held'}`);
      },
      onError: (error) => this.logger.warn(`Lease or runner error (carrying on): ${describe(error)}`),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.leased.start();
  }

  /** Graceful stop: the batch in flight finishes and stores its checkpoint, then the lease is released. */
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.leased.stop();
  }

  status(): ProjectorStatus {
    const status = this.leased.status();
    return {
      owner: status.owner,
      active: status.active,
      holder: status.holder,
      expiresAt: status.expiresAt !== null ? new Date(status.expiresAt).toISOString() : null,
      projections: status.runners,
      stopping: this.stopping,
    };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
