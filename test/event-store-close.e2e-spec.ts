import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILD_DIR } from './support/built-app-process';

/**
 * The built event store in a process of its own, with nothing else keeping the event loop alive: a script (an ES
 * module, so an unsettled top-level await ends the process with code 13) opens the store with its writer thread,
 * appends, closes and says so.
 */
describe('SqliteEventStore.close() in a process with nothing else to do', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'okr-close-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function run(body: string): { status: number | null; stdout: string; stderr: string } {
    const script = join(dir, 'script.mjs');
    writeFileSync(
      script,
      `import { createRequire } from 'node:module';
const { SqliteEventStore } = createRequire(import.meta.url)(${JSON.stringify(join(BUILD_DIR, 'libs/event-store/src/index.js'))});
const event = (id) => ({ type: 'Happened', data: { id }, metadata: { eventId: id, tenantId: 't', actorId: 'a', correlationId: 'c', causationId: 'c', commandId: 'c', recordedAt: '2026-01-01T00:00:00.000Z', schemaVersion: 1 } });
const store = SqliteEventStore.open({ filePath: ${JSON.stringify(join(dir, 'okr.db'))} });
${body}
console.log('closed');
`,
    );
    const child = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 60_000 });
    return { status: child.status, stdout: child.stdout, stderr: child.stderr };
  }

  it('settles after appends on the writer thread, and the process exits 0', () => {
    const result = run(`await store.startWriterThread();
await store.appendToStream('s-1', [event('e1')]);
await Promise.all([store.appendToStream('s-2', [event('e2')]), store.appendToStream('s-3', [event('e3')])]);
await store.close();`);
    expect(result).toMatchObject({ status: 0, stdout: 'closed\n', stderr: '' });
  });

  it('settles with the writer thread started and nothing appended', () => {
    const result = run(`await store.startWriterThread();
await store.close();`);
    expect(result).toMatchObject({ status: 0, stdout: 'closed\n', stderr: '' });
  });

  it('commits appends accepted just before close() and then settles', () => {
    const result = run(`await store.startWriterThread();
const appended = store.appendToStream('s-1', [event('e1')]);
await store.close();
await appended;
const reopened = SqliteEventStore.open({ filePath: ${JSON.stringify(join(dir, 'okr.db'))} });
if ((await reopened.readStream('s-1')).length !== 1) throw new Error('the append before close() was lost');
await reopened.close();`);
    expect(result).toMatchObject({ status: 0, stdout: 'closed\n', stderr: '' });
  });
});
