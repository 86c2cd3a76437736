import { BUDGET } from '@okr/budget';
import { promisify } from 'node:util';
import { constants, gunzip, gzipSync } from 'node:zlib';

const gunzipAsync = promisify(gunzip);
import { SnapshotChunk } from './point-in-time-snapshot';
import { ReplayDocuments } from './replay-documents';

/**
 * The documents as compressed chunks of one collection each: gzip (level 1) of one line per document, its id
 * as a JSON string, a tab, then the document's JSON (JSON text holds no raw tab or newline). A copy that later
 * changes to `documents` do not affect, and the form snapshots are kept and stored in. Lines let a replay
 * started from the snapshot parse only the documents it uses (see ReplayDocuments).
 */
export function encodeDocuments(
  documents: ReplayDocuments,
  chunkDocuments: number = BUDGET.replays.snapshotChunkDocuments,
): SnapshotChunk[] {
  const chunks: SnapshotChunk[] = [];
  for (const collection of documents.collectionNames) {
    let lines: string[] = [];
    const flush = () => {
      if (lines.length === 0) return;
      chunks.push({ collection, count: lines.length, data: gzipSync(lines.join('\n'), { level: constants.Z_BEST_SPEED }) });
      lines = [];
    };
    for (const [id, doc] of documents.entries(collection)) {
      lines.push(`${JSON.stringify(id)}\t${typeof doc === 'string' ? doc : JSON.stringify(doc)}`);
      if (lines.length >= chunkDocuments) flush();
    }
    flush();
  }
  return chunks;
}

/**
 * Loads chunks into `into` (as JSON text: each replay parses its own fresh objects, on first use), inflating them
 * on the thread pool (several at once, while this thread indexes the lines of those already inflated).
 */
export async function decodeDocuments(chunks: readonly SnapshotChunk[], into: ReplayDocuments): Promise<void> {
  for (const chunk of chunks) assertKept(chunk, into);
  const inflated = chunks.map((chunk) => gunzipAsync(chunk.data));
  // Rejections are awaited in order below; none may go unhandled meanwhile.
  for (const pending of inflated) pending.catch(() => undefined);
  for (let i = 0; i < chunks.length; i++) loadChunk(chunks[i], await inflated[i], into);
}

function assertKept(chunk: SnapshotChunk, into: ReplayDocuments): void {
  if (!into.keeps(chunk.collection)) throw new Error(`A snapshot chunk of collection '${chunk.collection}' does not belong to this replay`);
}

/**
 * Indexes the lines of an inflated chunk without decoding them: each document is kept as its byte range, and
 * only its id (ASCII, or a JSON string with escapes) is read now.
 */
function loadChunk(chunk: SnapshotChunk, inflated: Buffer, into: ReplayDocuments): void {
  assertKept(chunk, into);
  let count = 0;
  let start = 0;
  while (start < inflated.length) {
    let end = inflated.indexOf(NEWLINE, start);
    if (end < 0) end = inflated.length;
    const tab = inflated.indexOf(TAB, start);
    if (tab < start + 2 || tab > end) throw new Error(`A snapshot chunk of '${chunk.collection}' holds a malformed line`);
    const quoted = inflated.toString('utf8', start, tab);
    const id = quoted.includes('\\') ? (JSON.parse(quoted) as string) : quoted.slice(1, -1);
    into.putJson(chunk.collection, id, { bytes: inflated, start: tab + 1, end });
    count++;
    start = end + 1;
  }
  if (count !== chunk.count)
    throw new Error(`A snapshot chunk of '${chunk.collection}' holds ${count} documents instead of ${chunk.count}`);
}

const NEWLINE = 0x0a;
const TAB = 0x09;
