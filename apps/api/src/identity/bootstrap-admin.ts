import { Inject, Injectable, Logger } from '@nestjs/common';
import { StreamCategory, streamName, tenantDecider, userDecider } from '@okr/domain';
import { Directory } from '../application/directory';
import { StreamExecutor } from '../application/stream-executor';
import { CLOCK, Clock } from '@okr/platform';
import { ID_GENERATOR, IdGenerator } from '../infrastructure/id-generator';
import { Principal } from '../auth/principal';
import { generateToken, hashToken } from './token';

export const DEFAULT_TENANT_ID = 'default';
export const BOOTSTRAP_ADMIN_ID = 'default-admin';

/**
 * At start: ensures the tenant `default` and its first admin. With OKR_ADMIN_TOKEN the admin's token is
 * that value; without it, a token is generated once, stored hashed and printed once.
 */
@Injectable()
export class BootstrapAdmin {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    private readonly executor: StreamExecutor,
    private readonly directory: Directory,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /** Returns the generated token when one was generated (to be shown once), else undefined. */
  async ensure(adminToken: string | undefined): Promise<string | undefined> {
    const system: Principal = { tenantId: DEFAULT_TENANT_ID, userId: 'system', name: 'system', role: 'admin' };
    const context = () => {
      const commandId = this.ids.next();
      return { principal: system, now: this.clock.now(), commandId, correlationId: commandId };
    };
    const now = () => this.clock.now().toISOString();
    await this.executor
      .stream(streamName(StreamCategory.tenant, DEFAULT_TENANT_ID), tenantDecider)
      .execute(context(), (state) =>
        state.exists ? [] : [{ type: 'CreateTenant', now: now(), data: { tenantId: DEFAULT_TENANT_ID, name: 'Default' } }],
      );
    const adminStream = streamName(StreamCategory.user, BOOTSTRAP_ADMIN_ID);
    const existing = await this.executor.load(adminStream, userDecider, DEFAULT_TENANT_ID);
    if (adminToken) {
      const tokenHash = hashToken(adminToken);
      await this.executor.stream(adminStream, userDecider).execute(context(), (state) =>
        state.exists
          ? { type: 'ReplaceUserToken', now: now(), data: { userId: BOOTSTRAP_ADMIN_ID, tokenHash } }
          : {
              type: 'CreateUser',
              now: now(),
              data: { userId: BOOTSTRAP_ADMIN_ID, tenantId: DEFAULT_TENANT_ID, name: 'Administrator', role: 'admin', tokenHash },
            },
      );
      await this.directory.refresh();
      return undefined;
    }
    if (existing.state.exists) return undefined;
    const token = generateToken();
    await this.executor.stream(adminStream, userDecider).execute(context(), () => ({
      type: 'CreateUser',
      now: now(),
      data: { userId: BOOTSTRAP_ADMIN_ID, tenantId: DEFAULT_TENANT_ID, name: 'Administrator', role: 'admin', tokenHash: hashToken(token) },
    }));
    await this.directory.refresh();
    this.logger.warn(`Created the admin of tenant 'default'. Its token is shown this once; keep it: ${token}`);
    return token;
  }
}
