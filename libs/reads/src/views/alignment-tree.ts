import { ObjectiveHealth, expectedProgress, healthAt, paceThresholds } from '@okr/domain';
import { constants as zlibConstants, crc32, deflateRawSync } from 'node:zlib';
import { CycleDocument, ObjectiveDocument } from '@okr/projections';
import { readableConfidence, readableNumber } from '@okr/platform';

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
  /** Effective time of the latest current check-in of its live key results (null when none has one). */
  lastCheckInAt: string | null;
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
  private serialised?: { statuses: Uint8Array; json: Buffer; deflated?: Buffer; crc?: number };
  /** Rollups of the open objectives, ascending: which of them are on track / at risk at an `expected` is a suffix. */
  private openRollups?: Float64Array;
  /** The pace band the serialised statuses were computed for (see paceBand). */
  private serialisedBand?: string;

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
        // As the API answers numbers (readableNumber); the statuses derive from the exact rollup kept in `nodes`.
        progress: readableNumber(o.progress),
        rollup: readableNumber(o.rollup),
        confidence: o.confidence === null ? null : readableConfidence(o.confidence),
        score: o.score === null ? null : readableNumber(o.score),
        alignmentWeight: o.alignmentWeight === null ? null : readableNumber(o.alignmentWeight),
        owner: o.ownerId ? { id: o.ownerId, name: names.users.get(o.ownerId) ?? o.ownerId } : null,
        team: o.teamId ? { id: o.teamId, name: names.teams.get(o.teamId) ?? o.teamId } : null,
        version: o.streamVersion,
        lastCheckInAt: o.lastCheckInAt,
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
   * The answer at `now` (epoch ms): `{roots, cycle, expected, at, objectives}` as JSON bytes, or gzipped.
   * The tree (`{"roots":[…]`) is serialised — and deflated — once per set of statuses; what depends on the
   * instant (`expected`, `at`) comes after it, so a request only encodes that tail: for gzip, an independent
   * deflate stream appended to the tree's flushed one, and the CRC continued from the tree's.
   */
  answerAt(now: number, gzip: boolean): AlignmentAnswer {
    const expected = expectedProgress(this.cycle, now);
    const tree = this.treeFor(expected);
    const tailObject: AlignmentAnswerHead = {
      cycle: {
        id: this.cycle.id,
        name: this.cycle.name,
        startsOn: this.cycle.startsOn,
        endsOn: this.cycle.endsOn,
        status: this.cycle.status,
      },
      expected: readableNumber(expected),
      at: new Date(now).toISOString(),
      objectives: this.nodes.length,
    };
    const tail = Buffer.from(`,${JSON.stringify(tailObject).slice(1)}`);
    // Chunks rather than one concatenated buffer: a request allocates only its small tail (a multi-MB
    // allocation per request would keep the garbage collector busy).
    if (!gzip) return answerOf([tree.json, tail], 'identity');
    tree.deflated ??= deflateRawSync(tree.json, { level: 1, finishFlush: zlibConstants.Z_FULL_FLUSH });
    tree.crc ??= crc32(tree.json);
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(crc32(tail, tree.crc), 0);
    trailer.writeUInt32LE((tree.json.length + tail.length) % 2 ** 32, 4);
    return answerOf([GZIP_HEADER, tree.deflated, deflateRawSync(tail, { level: 1 }), trailer], 'gzip');
  }

  /** The answer at `now` (epoch ms) as JSON bytes. */
  answer(now: number): Buffer {
    return Buffer.concat(this.answerAt(now, false).chunks);
  }

  /** `{"roots":[…]` with the statuses for `expected`: kept while no status differs. */
  private treeFor(expected: number): { json: Buffer; deflated?: Buffer; crc?: number } {
    // Same band, same statuses: no need to compute 10,000 of them to find out (most requests).
    const band = this.paceBand(expected);
    if (this.serialised && band === this.serialisedBand) return this.serialised;
    const statuses = new Uint8Array(this.nodes.length);
    for (let i = 0; i < this.nodes.length; i++) {
      const { lifecycle, rollup } = this.nodes[i];
      statuses[i] = HEALTH_CODE.get(healthAt(lifecycle, rollup, expected))!;
    }
    if (!this.serialised || !sameBytes(this.serialised.statuses, statuses)) {
      for (let i = 0; i < this.nodes.length; i++) this.nodes[i].node.status = HEALTH[statuses[i]];
      this.serialised = { statuses, json: Buffer.from(`{"roots":${JSON.stringify(this.roots)}`) };
    }
    this.serialisedBand = band;
    return this.serialised;
  }

  /**
   * Identifies the statuses at `expected` without computing them: an open objective is on track when its
   * rollup reaches the on-track threshold and at risk when it reaches the at-risk one (healthAt, paceThresholds;
   * on track for every one when expected is 0), so over the ascending rollups each set is a suffix, and two
   * instants with suffixes of the same lengths give every objective the same status. The comparisons are
   * healthAt's own, on the same doubles, so the band is exact. Closed objectives' statuses do not depend on the time.
   */
  private paceBand(expected: number): string {
    if (expected === 0) return 'zero';
    const rollups = (this.openRollups ??= Float64Array.from(this.nodes.filter((n) => n.lifecycle === 'open').map((n) => n.rollup)).sort());
    const { onTrack, atRisk } = paceThresholds(expected);
    return `${firstAtLeast(rollups, onTrack)}:${firstAtLeast(rollups, atRisk)}`;
  }
}

/** The index of the first of the ascending `values` that is >= `threshold` (their length when none is). */
function firstAtLeast(values: Float64Array, threshold: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle] >= threshold) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** An answer as the bytes to send, in order. */
export interface AlignmentAnswer {
  chunks: Buffer[];
  length: number;
  encoding: 'gzip' | 'identity';
}

function answerOf(chunks: Buffer[], encoding: AlignmentAnswer['encoding']): AlignmentAnswer {
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  return { chunks, length, encoding };
}

/** A gzip member header (RFC 1952): deflate, no flags, no mtime, OS unknown. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff]);

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
