import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EventStore } from '@okr/event-store';
import { Public } from '../auth/auth.decorators';
import { EVENT_STORE } from '../infrastructure/event-store.token';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Liveness and readiness: the process answers and the event store can be read. */
  @Get()
  @Public()
  async health() {
    const started = process.hrtime.bigint();
    const position = await this.store.headPosition();
    return {
      status: 'ok',
      dependencies: { eventStore: { status: 'up', kind: 'sqlite', headPosition: position, latencyMs: Number(process.hrtime.bigint() - started) / 1e6 } },
    };
  }
}
