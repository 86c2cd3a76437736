import { Inject, Injectable } from '@nestjs/common';
import { BUDGET } from '@okr/budget';
import { NotFoundError } from '@okr/domain';
import { CycleDocument, ObjectiveDocument } from '@okr/projections';
import { CLOCK, Clock, ProjectionsService, ReadModels, findAll } from '@okr/platform';
import { LRUCache } from 'lru-cache';
import { AlignmentAnswer, AlignmentTree } from './alignment-tree';

/**
 * GET /api/cycles/:id/alignment. The tree is built from the read models and kept with the projection
 * position it was built at: while the read models have not moved on, the same tree answers (statuses are
 * still computed for the time of each request). Exact: every read model it shows only changes with the
 * position.
 */
@Injectable()
export class AlignmentQuery {
  /** By tenant and cycle, the least recently used dropped. */
  private readonly trees = new LRUCache<string, { position: number; tree: AlignmentTree }>({ max: BUDGET.apiThread.alignmentTrees });

  constructor(
    private readonly models: ReadModels,
    private readonly projections: ProjectionsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The answer as JSON bytes (in chunks), gzipped when `gzip`. */
  async answer(tenantId: string, cycleId: string, gzip = false): Promise<AlignmentAnswer> {
    const key = `${tenantId}\u0000${cycleId}`;
    // Read before the documents: if the projection moves on while they are read, the next request rebuilds.
    const position = await this.projections.position();
    let entry = this.trees.get(key);
    if (!entry || entry.position !== position) {
      entry = { position, tree: await this.build(tenantId, cycleId) };
      this.trees.set(key, entry);
    }
    return entry.tree.answerAt(this.clock.now().getTime(), gzip);
  }

  private build(tenantId: string, cycleId: string): Promise<AlignmentTree> {
    return buildAlignmentTree(this.models, tenantId, cycleId);
  }
}

/** A cycle's alignment tree from the read models `models` opens (the live ones, or a point-in-time replay's). */
export async function buildAlignmentTree(models: ReadModels, tenantId: string, cycleId: string): Promise<AlignmentTree> {
  const cycle: CycleDocument | undefined = await (await models.cycles()).get(cycleId);
  if (!cycle || cycle.tenantId !== tenantId) throw new NotFoundError('cycle.not_found', `Cycle ${cycleId} not found`);
  const objectives = (
    await findAll<ObjectiveDocument>(await models.objectives(), { cycleId }, [{ field: 'createdPosition', direction: 'asc' }])
  ).filter((o) => o.status !== 'archived');
  const [users, teams] = await Promise.all([namesOf(await models.users(), tenantId), namesOf(await models.teams(), tenantId)]);
  return new AlignmentTree(cycle, objectives, { users, teams });
}

async function namesOf(collection: Parameters<typeof findAll>[0], tenantId: string): Promise<Map<string, string>> {
  const all = (await findAll(collection, { tenantId })) as unknown as { id: string; name: string }[];
  return new Map(all.map((d) => [d.id, d.name]));
}
