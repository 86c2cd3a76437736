/** Things an entry may mention by name besides the entity of its own stream. */
export type NameKind = 'user' | 'team' | 'objective' | 'keyResult' | 'cycle' | 'initiative';

/** Names of things by id, as the caller knows them (e.g. from read models); an unknown id reads as itself. */
export interface NameBook {
  name(kind: NameKind, id: string): string;
}

function key(kind: NameKind, id: string): string {
  return `${kind}:${id}`;
}

/** A first pass of `describe` with this book lists every name the entries need, so they can be fetched at once. */
export class RecordingNameBook implements NameBook {
  readonly wanted = new Map<NameKind, Set<string>>();

  name(kind: NameKind, id: string): string {
    let ids = this.wanted.get(kind);
    if (!ids) this.wanted.set(kind, (ids = new Set()));
    ids.add(id);
    return id;
  }
}

/** Names looked up beforehand. */
export class MapNameBook implements NameBook {
  private readonly names = new Map<string, string>();

  set(kind: NameKind, id: string, name: string): this {
    this.names.set(key(kind, id), name);
    return this;
  }

  name(kind: NameKind, id: string): string {
    return this.names.get(key(kind, id)) ?? id;
  }
}
