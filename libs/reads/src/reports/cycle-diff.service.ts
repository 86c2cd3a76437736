import { Injectable } from '@nestjs/common';
import { InvalidRequestException, ReadModels } from '@okr/platform';
import { PointInTimeQueries } from '../point-in-time/point-in-time.service';
import { CycleDiffBody } from '../views/cycle-diff';
import { recordedChangesOf } from '../views/cycle-diff-changes';

/**
 * GET /api/cycles/:id/diff?from=T1&to=T2: the cycle as recorded at T1 and at T2 (both replayed, see
 * PointInTimeQueries.cycleDiff: in the replaying worker on the embedded store) and what changed between them, with
 * who changed targets and weights, and why, from the key results' streams.
 */
@Injectable()
export class CycleDiffService {
  constructor(
    private readonly pointInTime: PointInTimeQueries,
    private readonly live: ReadModels,
  ) {}

  async diff(
    tenantId: string,
    cycleId: string,
    from: string,
    to: string,
  ): Promise<{ cycleId: string; from: string; to: string } & CycleDiffBody> {
    if (!(Date.parse(from) < Date.parse(to))) throw new InvalidRequestException([{ field: 'to', message: 'to must be later than from' }]);
    const diff = await this.pointInTime.cycleDiff(tenantId, cycleId, from, to);
    await this.attachWhoAndWhy(tenantId, diff.body);
    return { cycleId, from: new Date(diff.from).toISOString(), to: new Date(diff.to).toISOString(), ...diff.body };
  }

  /** The names of who changed targets and weights (the changes themselves come with the diff). */
  private async attachWhoAndWhy(tenantId: string, body: CycleDiffBody): Promise<void> {
    const changes = recordedChangesOf(body);
    const users = await (await this.live.users()).getMany([...new Set(changes.map((change) => change.actor.id))]);
    const names = new Map(users.filter((u) => u.tenantId === tenantId).map((u) => [u.id, u.name]));
    for (const change of changes) change.actor.name = names.get(change.actor.id) ?? change.actor.id;
  }
}
