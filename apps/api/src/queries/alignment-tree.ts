import { ObjectiveHealth, expectedProgress, healthAt } from '@okr/domain';
import { gzipSync } from 'node:zlib';
import { CycleDocument, ObjectiveDocument } from '@okr/projections';

/** One node of a cycle's alignment tree, as the API answers it. */
export interface AlignmentNode {
  id: string;
  title: string;
  kind: ObjectiveDocument['kind'];
  /** open / closed (archived objectives are left out of the tree). */
  lifecycle: ObjectiveDocument['status'];
  /** Health by pace at the time of the answer (see `expected` at the top of the answer). */
  status: ObjectiveHealth;
  progress: number;
  rollup: number;
  confidence: number | null;
  score: number | null;
  /** Weight of this objective in its parent's rollup (null when not aligned). */
  alignmentWeight: number | null;
  owner: { id: string; name: string } | null;
  team: { id: string; name: string } | null;
  /** The objective stream's version (what If-Match takes). */
  version: number;
  children: AlignmentNode[];
}

export interface AlignmentAnswerHead {
  cycle: { id: string; name: string; startsOn: string; endsOn: string; status: CycleDocument['status'] };
  /** Elapsed fraction of the cycle at the time of the answer, which every open objective's status compares against. */
  expected: number;
  /** The time the statuses are computed for. */
  at: string;
  /** How many objectives the tree holds. */
  objectives: number;
}

const HEALTH: readonly ObjectiveHealth[] = ['on_track', 'at_risk', 'off_track', 'closed', 'archived'];
const HEALTH_CODE = new Map(HEALTH.map((h, i) => [h, i]));

/**
 * A cycle's alignment tree built from its objective documents, ready to answer at any time: the time only
 * changes the statuses (health by pace), so the serialised tree is kept and reused for as long as no status
 * differs — a 10,000-objective tree is ~3.5 MB of JSON, too much to build and serialise per request.
 */
export class AlignmentTree {
  private readonly roots: AlignmentNode[] = [];
  /** Every node in document order, with the fields its status derives from. */
  private readonly nodes: { node: AlignmentNode; lifecycle: ObjectiveDocument['status']; rollup: number }[] = [];
  private serialised?: { statuses: Uint8Array; json: Buffer };
  /** The last whole answer, for its second: identical requests within it share it (and its gzip). */
  private last?: { second: number; body: Buffer; gzipped?: Buffer };

  constructor(
    readonly cycle: CycleDocument,
    /** Non-archived objectives of the cycle, in creation order. */
    objectives: readonly ObjectiveDocument[],
    names: { users: ReadonlyMap<string, string>; teams: ReadonlyMap<string, string> },
  ) {
    const byId = new Map<string, AlignmentNode>();
    for (const o of objectives) {
      const node: AlignmentNode = {
        id: o.id,
        title: o.title,
        kind: o.kind,
        lifecycle: o.status,
        status: 'on_track',
        progress: o.progress,
        rollup: o.rollup,
        confidence: o.confidence,
        score: o.score,
        alignmentWeight: o.alignmentWeight,
        owner: o.ownerId ? { id: o.ownerId, name: names.users.get(o.ownerId) ?? o.ownerId } : null,
        team: o.teamId ? { id: o.teamId, name: names.teams.get(o.teamId) ?? o.teamId } : null,
        version: o.streamVersion,
        children: [],
      };
      byId.set(o.id, node);
      this.nodes.push({ node, lifecycle: o.status, rollup: o.rollup });
    }
    for (const o of objectives) {
      const node = byId.get(o.id)!;
      const parent = o.parentId ? byId.get(o.parentId) : undefined;
      // Roots: no parent, or a parent that is archived or in another cycle.
      if (parent) parent.children.push(node);
      else this.roots.push(node);
    }
  }

  get size(): number {
    return this.nodes.length;
  }

  /**
   * The answer for the second `now` (epoch ms) falls in, as JSON bytes (`{cycle, expected, at, objectives,
   * roots}`; `at` is the start of that second), gzipped when asked. Requests within one second share it.
   */
  answerFor(now: number, gzip: boolean): { body: Buffer; encoding: 'gzip' | 'identity' } {
    const second = Math.floor(now / 1000) * 1000;
    if (this.last?.second !== second) this.last = { second, body: this.answer(second) };
    if (!gzip) return { body: this.last.body, encoding: 'identity' };
    // Level 1: ~5× smaller for a fraction of the time of the default level.
    this.last.gzipped ??= gzipSync(this.last.body, { level: 1 });
    return { body: this.last.gzipped, encoding: 'gzip' };
  }

  /** The answer at `now` (epoch ms) as JSON bytes: `{cycle, expected, at, objectives, roots}`. */
  answer(now: number): Buffer {
    const expected = expectedProgress(this.cycle, now);
    const statuses = new Uint8Array(this.nodes.length);
    for (let i = 0; i < this.nodes.length; i++) {
      const { lifecycle, rollup } = this.nodes[i];
      statuses[i] = HEALTH_CODE.get(healthAt(lifecycle, rollup, expected))!;
    }
    if (!this.serialised || !sameBytes(this.serialised.statuses, statuses)) {
      for (let i = 0; i < this.nodes.length; i++) this.nodes[i].node.status = HEALTH[statuses[i]];
      this.serialised = { statuses, json: Buffer.from(JSON.stringify(this.roots)) };
    }
    const head: AlignmentAnswerHead = {
      cycle: { id: this.cycle.id, name: this.cycle.name, startsOn: this.cycle.startsOn, endsOn: this.cycle.endsOn, status: this.cycle.status },
      expected,
      at: new Date(now).toISOString(),
      objectives: this.nodes.length,
    };
    const open = JSON.stringify(head);
    return Buffer.concat([Buffer.from(`${open.slice(0, -1)},"roots":`), this.serialised.json, Buffer.from('}')]);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
