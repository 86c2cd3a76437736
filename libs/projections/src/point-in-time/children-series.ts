import { ChildSummary } from '../okr/okr-documents';

/** An objective's aligned children as its document lists them from a position on: ids in the document's key order, and their alignment weights. */
export interface ChildrenEntry {
  position: number;
  ids: readonly string[];
  weights: readonly number[];
}

/**
 * The history of one objective's `children` keys (in order) and weights, as its document held them after each
 * event that changed them. Changes are rare (alignments, realignments, archives), the rollups of the children are
 * not kept here (they change with every check-in below: see ObjectiveHistory's rollup series).
 */
export class ChildrenSeries {
  private readonly entries: ChildrenEntry[] = [];

  /** Records the children as they stand at `position`, if their keys, order or weights differ from the last entry. */
  note(position: number, children: Readonly<Record<string, ChildSummary>>): void {
    const last = this.entries.length === 0 ? undefined : this.entries[this.entries.length - 1];
    if (last && sameChildren(last, children)) return;
    const ids: string[] = [];
    const weights: number[] = [];
    for (const id in children) {
      ids.push(id);
      weights.push(children[id].weight);
    }
    if (last && last.position === position) this.entries.pop();
    this.entries.push({ position, ids, weights });
  }

  /** The children as they stood at `position` (undefined before the first entry). */
  at(position: number): ChildrenEntry | undefined {
    const entries = this.entries;
    let low = 0;
    let high = entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (entries[mid].position <= position) low = mid + 1;
      else high = mid;
    }
    return low === 0 ? undefined : entries[low - 1];
  }

  get length(): number {
    return this.entries.length;
  }
}

function sameChildren(entry: ChildrenEntry, children: Readonly<Record<string, ChildSummary>>): boolean {
  let i = 0;
  for (const id in children) {
    if (i >= entry.ids.length || entry.ids[i] !== id || !Object.is(entry.weights[i], children[id].weight)) return false;
    i++;
  }
  return i === entry.ids.length;
}
