import { LinkableKeyResult, NotFoundError } from '@okr/domain';
import { Directory } from '../application/directory';

/** Resolves key result ids of the caller's tenant for linking (404 naming keyResultIds.N for an unknown one). */
export async function linkableKeyResults(directory: Directory, ids: string[], tenantId: string): Promise<LinkableKeyResult[]> {
  await directory.refresh();
  return ids.map((id, index) => {
    const kr = directory.inTenant(directory.keyResults, id, tenantId);
    if (!kr) throw new NotFoundError('key_result.not_found', `Key result ${id} not found`, `keyResultIds.${index}`);
    return { id, removed: kr.removed };
  });
}
