import { createHash } from 'node:crypto';
import { CHECK_IN_COLUMNS, CheckInColumn, CycleTimeline, CycleTimelineState, STRUCTURAL_COLUMNS, StructuralColumn } from './cycle-timeline';
import { NumberArray, NumberArrayConstructor } from './growable-columns';

/**
 * The version of what a checkpoint holds. Bump it whenever `CycleTimeline.apply` folds differently (another event
 * type read, another rule): checkpoints of another format are never loaded, so a changed fold starts from the log.
 */
export const TIMELINE_CHECKPOINT_FORMAT = 1;

/** A timeline checkpoint as stored: where it stands, what it was folded from, and its state in two parts. */
export interface EncodedTimelineCheckpoint {
  tenantId: string;
  cycleId: string;
  format: number;
  /** The timeline's position: every event up to it is folded in. */
  position: number;
  /**
   * Which log it was folded from: the id of the event at (or first after) `position - 1` + its position. A checkpoint
   * is loaded only if the log still holds that event there (another store, restored or replaced, does not).
   */
  logMark: string;
  /** JSON: cycle, window, objectives, key results, winners before the start, the columns' lengths. */
  header: string;
  /** The columns' rows, little-endian, one after the other (structure, then check-ins, in their declared order). */
  columns: Buffer;
  /** SHA-256 (hex) of header and columns: a checkpoint damaged on disk is refused, never folded on. */
  checksum: string;
}

interface Header {
  cycle: CycleTimelineState['cycle'];
  window: CycleTimelineState['window'];
  /** [id, cycleId, title] */
  objectives: [string, string, string][];
  /** [id, objective index, title, metric] */
  keyResults: [string, number, string, CycleTimelineState['keyResults'][number]['metric']][];
  beforeStart: [number, number][];
  structure: number;
  checkIns: number;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function checksumOf(header: string, columns: Buffer): string {
  return createHash('sha256').update(header).update(columns).digest('hex');
}

/** A checkpoint before its checksum (sealTimelineCheckpoint adds it, wherever the bytes are written). */
export type UnsealedTimelineCheckpoint = Omit<EncodedTimelineCheckpoint, 'checksum'>;

/** The timeline's state encoded, checksum included (copies: the timeline may fold on afterwards). */
export function encodeTimelineCheckpoint(timeline: CycleTimeline, logMark: string): EncodedTimelineCheckpoint {
  return sealTimelineCheckpoint(unsealedTimelineCheckpoint(timeline, logMark));
}

/** The timeline's state as a header and a copy of its columns, without the checksum (the cheaper half of encoding). */
export function unsealedTimelineCheckpoint(timeline: CycleTimeline, logMark: string): UnsealedTimelineCheckpoint {
  if (!LITTLE_ENDIAN) throw new Error('Timeline checkpoints are written on little-endian machines only');
  const state = timeline.state();
  const header: Header = {
    cycle: state.cycle,
    window: state.window,
    objectives: state.objectives.map((o) => [o.id, o.cycleId, o.title]),
    keyResults: state.keyResults.map((k) => [k.id, k.objective, k.title, k.metric]),
    beforeStart: state.beforeStart,
    structure: state.structure.length,
    checkIns: state.checkIns.length,
  };
  const parts: Buffer[] = [];
  for (const name of Object.keys(STRUCTURAL_COLUMNS) as StructuralColumn[]) parts.push(bytesOf(state.structure.rows[name]));
  for (const name of Object.keys(CHECK_IN_COLUMNS) as CheckInColumn[]) parts.push(bytesOf(state.checkIns.rows[name]));
  const columns = Buffer.concat(parts); // a copy
  return {
    tenantId: timeline.tenantId,
    cycleId: timeline.cycleId,
    format: TIMELINE_CHECKPOINT_FORMAT,
    position: state.position,
    logMark,
    header: JSON.stringify(header),
    columns,
  };
}

/** The checkpoint with its checksum (SHA-256 of header and columns). */
export function sealTimelineCheckpoint(unsealed: UnsealedTimelineCheckpoint): EncodedTimelineCheckpoint {
  return { ...unsealed, checksum: checksumOf(unsealed.header, unsealed.columns) };
}

/**
 * The timeline a checkpoint holds. Throws (RangeError, SyntaxError) when it is of another format, damaged, or does
 * not hold together: the caller then folds from the start of the log.
 */
export function decodeTimelineCheckpoint(encoded: EncodedTimelineCheckpoint): CycleTimeline {
  if (encoded.format !== TIMELINE_CHECKPOINT_FORMAT)
    throw new RangeError(`Timeline checkpoint format ${encoded.format}, ${TIMELINE_CHECKPOINT_FORMAT} expected`);
  if (!LITTLE_ENDIAN) throw new RangeError('Timeline checkpoints are read on little-endian machines only');
  if (checksumOf(encoded.header, encoded.columns) !== encoded.checksum) throw new RangeError('Timeline checkpoint damaged (checksum)');
  const header = JSON.parse(encoded.header) as Header;
  let offset = 0;
  const take = <N extends string>(kinds: Record<N, NumberArrayConstructor>, length: number): Record<N, NumberArray> => {
    const rows = {} as Record<N, NumberArray>;
    for (const name of Object.keys(kinds) as N[]) {
      const array = new kinds[name](length);
      const bytes = length * kinds[name].BYTES_PER_ELEMENT;
      if (offset + bytes > encoded.columns.length) throw new RangeError('Timeline checkpoint truncated');
      new Uint8Array(array.buffer, array.byteOffset, bytes).set(encoded.columns.subarray(offset, offset + bytes));
      offset += bytes;
      rows[name] = array;
    }
    return rows;
  };
  const structure = take(STRUCTURAL_COLUMNS, header.structure);
  const checkIns = take(CHECK_IN_COLUMNS, header.checkIns);
  if (offset !== encoded.columns.length) throw new RangeError('Timeline checkpoint: bytes left over');
  return CycleTimeline.fromState(encoded.tenantId, encoded.cycleId, {
    position: encoded.position,
    cycle: header.cycle,
    window: header.window,
    objectives: header.objectives.map(([id, cycleId, title]) => ({ id, cycleId, title })),
    keyResults: header.keyResults.map(([id, objective, title, metric]) => ({ id, objective, title, metric })),
    beforeStart: header.beforeStart,
    structure: { length: header.structure, rows: structure },
    checkIns: { length: header.checkIns, rows: checkIns },
  });
}

function bytesOf(array: NumberArray): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}
