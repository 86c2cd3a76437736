import { Inject, Injectable } from '@nestjs/common';
import {
  CycleDocument,
  InitiativeDocument,
  KeyResultDocument,
  OKR_COLLECTIONS,
  ObjectiveDocument,
  TeamDocument,
  UserDocument,
  Collections,
} from '@okr/projections';
import { Collection, ReadModelDocument, ReadModelStore } from '@okr/read-model';
import { READ_MODEL_STORE } from './read-model.token';

/** Typed handles on the collections of the `okr` projection. */
@Injectable()
export class ReadModels {
  private readonly handles = new Map<string, Promise<Collection<ReadModelDocument>>>();

  constructor(@Inject(READ_MODEL_STORE) private readonly store: ReadModelStore) {}

  private open<T extends ReadModelDocument>(name: string): Promise<Collection<T>> {
    let handle = this.handles.get(name);
    if (!handle) {
      const spec = OKR_COLLECTIONS.find((c) => c.name === name);
      if (!spec) throw new Error(`Unknown collection ${name}`);
      handle = this.store.collection(spec);
      this.handles.set(name, handle);
    }
    return handle as Promise<Collection<T>>;
  }

  cycles = () => this.open<CycleDocument>(Collections.cycles);
  teams = () => this.open<TeamDocument>(Collections.teams);
  users = () => this.open<UserDocument>(Collections.users);
  objectives = () => this.open<ObjectiveDocument>(Collections.objectives);
  keyResults = () => this.open<KeyResultDocument>(Collections.keyResults);
  initiatives = () => this.open<InitiativeDocument>(Collections.initiatives);
}

/** Reads every document matching `where`, page by page (for tree and report queries). */
export async function findAll<T extends ReadModelDocument>(
  collection: Collection<T>,
  where: Record<string, string | number | boolean | null | readonly (string | number | boolean | null)[]>,
  orderBy: { field: string; direction: 'asc' | 'desc' }[] = [],
): Promise<T[]> {
  const out: T[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await collection.find({ where, orderBy, limit: 1000, after });
    out.push(...page.items);
    if (!page.nextCursor) return out;
    after = page.nextCursor;
  }
}
