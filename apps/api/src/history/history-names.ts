import { Injectable } from '@nestjs/common';
import { MapNameBook, NameKind, RecordingNameBook } from '@okr/history';
import { ReadModelDocument } from '@okr/read-model';
import { ReadModels } from '@okr/platform';

type Named = ReadModelDocument & { tenantId: string; name?: string; title?: string };

/**
 * Names for history entries from the read models (current names; the fallback is the id). Only documents of
 * the caller's tenant are used, so an entry never reveals another tenant's names.
 */
@Injectable()
export class HistoryNames {
  constructor(private readonly models: ReadModels) {}

  async lookup(tenantId: string, wanted: RecordingNameBook): Promise<MapNameBook> {
    const book = new MapNameBook();
    const collections: Record<NameKind, () => Promise<{ getMany(ids: readonly string[]): Promise<Named[]> }>> = {
      user: this.models.users,
      team: this.models.teams,
      objective: this.models.objectives,
      keyResult: this.models.keyResults,
      cycle: this.models.cycles,
      initiative: this.models.initiatives,
    };
    await Promise.all(
      [...wanted.wanted].map(async ([kind, ids]) => {
        const documents = await (await collections[kind]()).getMany([...ids]);
        for (const doc of documents) {
          const name = doc.name ?? doc.title;
          if (doc.tenantId === tenantId && typeof name === 'string') book.set(kind, doc.id, name);
        }
      }),
    );
    return book;
  }
}
