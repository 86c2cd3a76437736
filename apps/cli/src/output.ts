import { createWriteStream, WriteStream } from 'node:fs';
import { once } from 'node:events';
import { readableNumbers } from '@okr/platform';
import { CliError } from './cli-errors';

/** The standard streams of a run (injected: tests pass their own). */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

/** Writes a chunk and waits for the stream to drain when it asks to (a slow pipe or disk never makes the CLI hold the whole output). */
async function write(stream: NodeJS.WritableStream, chunk: string | Uint8Array): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/** Opens `--out FILE` for writing (before anything is read, so a bad path fails at once). */
export async function openOutFile(path: string): Promise<WriteStream> {
  const file = createWriteStream(path);
  try {
    await once(file, 'open');
    return file;
  } catch (error) {
    throw new CliError(`Cannot write --out ${path}: ${(error as Error).message}`);
  }
}

/** Copies `chunks` to the file (then closes it) or to stdout, chunk by chunk. */
export async function writeChunks(chunks: AsyncIterable<string | Uint8Array>, target: WriteStream | NodeJS.WritableStream): Promise<void> {
  for await (const chunk of chunks) await write(target, chunk);
  if (target instanceof WriteStream) {
    target.end();
    await once(target, 'close');
  }
}

/** A --json answer: indented, its numbers as the API answers them (so both modes print the same). */
export function jsonOutput(value: unknown): string {
  return `${JSON.stringify(value, readableNumbers, 2)}\n`;
}
