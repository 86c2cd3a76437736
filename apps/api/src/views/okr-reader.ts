import { Injectable } from '@nestjs/common';
import { cycleDecider, initiativeDecider, NotFoundError, StreamCategory, streamName, teamDecider } from '@okr/domain';
import { Directory } from '../application/directory';
import { StreamExecutor } from '../application/stream-executor';

export interface Versioned<T> {
  view: T;
  version: number;
}

/** Reads resources by folding their streams (until the read models take over). Absent or foreign → 404. */
@Injectable()
export class OkrReader {
  constructor(
    private readonly executor: StreamExecutor,
    private readonly directory: Directory,
  ) {}

  async cycle(id: string, tenantId: string) {
    const loaded = await this.executor.load(streamName(StreamCategory.cycle, id), cycleDecider, tenantId);
    if (!loaded.state.exists) throw new NotFoundError('cycle.not_found', `Cycle ${id} not found`);
    await this.directory.refresh();
    const { exists: _e, ...cycle } = loaded.state;
    return { view: { ...cycle, objectiveIds: this.directory.objectiveIdsOfCycle(id), version: loaded.version }, version: loaded.version };
  }

  async team(id: string, tenantId: string) {
    const loaded = await this.executor.load(streamName(StreamCategory.team, id), teamDecider, tenantId);
    if (!loaded.state.exists) throw new NotFoundError('team.not_found', `Team ${id} not found`);
    const { exists: _e, ...team } = loaded.state;
    return { view: { ...team, version: loaded.version }, version: loaded.version };
  }

  async initiative(id: string, tenantId: string) {
    const loaded = await this.executor.load(streamName(StreamCategory.initiative, id), initiativeDecider, tenantId);
    if (!loaded.state.exists) throw new NotFoundError('initiative.not_found', `Initiative ${id} not found`);
    const { exists: _e, ...initiative } = loaded.state;
    return { view: { ...initiative, version: loaded.version }, version: loaded.version };
  }
}
