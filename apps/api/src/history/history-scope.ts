import { Injectable } from '@nestjs/common';
import { NotFoundError, StreamCategory, streamName } from '@okr/domain';
import { ReadModels, findAll } from '@okr/platform';

/** The streams a timeline is made of, and the key results whose linked initiatives belong to it. */
export interface HistoryScope {
  streamIds: string[];
  keyResultIds: ReadonlySet<string>;
}

/**
 * Which streams make up a timeline, found in the read models (another tenant's ids → 404):
 * an objective's own stream, every key result it ever had (removed ones stay in key_results), and the
 * initiatives linked to those key results; a key result's stream and its initiatives.
 */
@Injectable()
export class HistoryScopes {
  constructor(private readonly models: ReadModels) {}

  async ofObjective(tenantId: string, objectiveId: string): Promise<HistoryScope> {
    const objective = await (await this.models.objectives()).get(objectiveId);
    if (!objective || objective.tenantId !== tenantId) throw new NotFoundError('objective.not_found', `Objective ${objectiveId} not found`);
    const keyResults = await findAll(await this.models.keyResults(), { objectiveId });
    const initiativeIds = new Set(keyResults.flatMap((k) => k.initiativeIds));
    return {
      streamIds: [
        streamName(StreamCategory.objective, objectiveId),
        ...keyResults.map((k) => streamName(StreamCategory.keyResult, k.id)),
        ...[...initiativeIds].map((id) => streamName(StreamCategory.initiative, id)),
      ],
      keyResultIds: new Set(keyResults.map((k) => k.id)),
    };
  }

  async ofKeyResult(tenantId: string, keyResultId: string): Promise<HistoryScope> {
    const keyResult = await (await this.models.keyResults()).get(keyResultId);
    if (!keyResult || keyResult.tenantId !== tenantId)
      throw new NotFoundError('key_result.not_found', `Key result ${keyResultId} not found`);
    return {
      streamIds: [
        streamName(StreamCategory.keyResult, keyResultId),
        ...keyResult.initiativeIds.map((id) => streamName(StreamCategory.initiative, id)),
      ],
      keyResultIds: new Set([keyResultId]),
    };
  }
}
