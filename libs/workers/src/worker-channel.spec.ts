import { DomainError, NotFoundError } from '@okr/domain';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TestHostNotice, TestRequests, TestStoreError, TestWorkerNotice } from './testing/test-worker-api';
import { WorkerChannel, WorkerChannelOptions, WorkerUnavailableError } from './worker-channel';

describe('WorkerChannel', () => {
  const channels: WorkerChannel<TestRequests, TestWorkerNotice, TestHostNotice>[] = [];
  const open = (options: Partial<WorkerChannelOptions<TestWorkerNotice>> = {}) => {
    const channel = new WorkerChannel<TestRequests, TestWorkerNotice, TestHostNotice>({
      dir: join(__dirname, 'testing'),
      entry: 'test-worker',
      name: 'test worker',
      errors: [TestStoreError],
      ...options,
    });
    channels.push(channel);
    return channel;
  };
  afterEach(async () => {
    await Promise.all(channels.splice(0).map((channel) => channel.close()));
  });

  it('starts the worker on the first request and answers each request by its id', async () => {
    const channel = open();
    expect(channel.thread).toBeUndefined();
    expect(await Promise.all([channel.request('echo', 'a'), channel.request('echo', 'b')])).toEqual(['a', 'b']);
    expect(channel.thread).toBeDefined();
  });

  it('moves the buffers a handler transfers', async () => {
    const bytes = await open().request('bytes', 1024);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes.byteLength).toBe(1024);
    expect(bytes[1023]).toBe(1);
  });

  it('rebuilds errors with their class and fields: domain errors, the classes given, others as Error with name and code', async () => {
    const channel = open();
    const domain = await channel.request('fail', 'domain').catch((error: unknown) => error);
    expect(domain).toBeInstanceOf(NotFoundError);
    expect(domain).toBeInstanceOf(DomainError);
    expect(domain).toMatchObject({ kind: 'not_found', code: 'objective.not_found', field: 'objectiveId', message: 'No objective o-1' });
    const custom = await channel.request('fail', 'custom').catch((error: unknown) => error);
    expect(custom).toBeInstanceOf(TestStoreError);
    expect(custom).toMatchObject({ name: 'TestStoreError', streamId: 'objective-o-1', message: 'Stream objective-o-1 is busy' });
    const coded = await channel.request('fail', 'coded').catch((error: unknown) => error);
    expect(coded).toBeInstanceOf(Error);
    expect(coded).not.toBeInstanceOf(RangeError);
    expect(coded).toMatchObject({ name: 'RangeError', message: 'out of range', code: 'ERR_TEST' });
  });

  it('rebuilds the errors a reply carries (crossingError in the worker, rebuildError on the host)', async () => {
    const channel = open();
    const [, failed] = await channel.request('outcomes');
    const error = channel.rebuildError(failed.error!);
    expect(error).toBeInstanceOf(TestStoreError);
    expect(error).toMatchObject({ streamId: 'objective-o-2', message: 'Stream objective-o-2 is busy' });
  });

  it('a worker that dies rejects the requests in flight as unavailable; the next request is served by a fresh worker', async () => {
    const exits: WorkerUnavailableError[] = [];
    const channel = open({ onExit: (error) => exits.push(error) });
    const inFlight = channel.request('hang');
    const first = channel.thread;
    await expect(channel.request('die')).rejects.toThrow(new WorkerUnavailableError('The test worker stopped (exit code 7)'));
    await expect(inFlight).rejects.toBeInstanceOf(WorkerUnavailableError);
    expect(exits.map((error) => error.message)).toEqual(['The test worker stopped (exit code 7)']);
    expect(channel.thread).toBeUndefined();
    expect(await channel.request('echo', 'again')).toBe('again');
    expect(channel.thread).not.toBe(first);
  });

  it('restarts a long-running worker by itself after restartAfterMs', async () => {
    const notices: string[] = [];
    let restarted!: () => void;
    const started = new Promise<void>((resolve) => (restarted = resolve));
    const channel = open({
      restartAfterMs: 10,
      onNotice: (notice) => {
        notices.push(notice.kind);
        if (notices.length === 2) restarted();
      },
    });
    channel.start();
    await channel.request('die').catch(() => undefined);
    await started;
    expect(notices).toEqual(['started', 'started']);
    expect(channel.thread).toBeDefined();
  });

  it('carries one-way notices both ways', async () => {
    let pong!: (text: string) => void;
    const answered = new Promise<string>((resolve) => (pong = resolve));
    const channel = open({ onNotice: (notice) => notice.kind === 'pong' && pong(notice.text) });
    channel.start();
    channel.notify({ kind: 'ping', text: 'hello' });
    expect(await answered).toBe('hello');
  });

  it('starts the worker with the heap limits given', async () => {
    const channel = open({ resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 } });
    expect(await channel.request('limits')).toMatchObject({ maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 });
  });

  it('closes: the worker runs its onClose and ends by itself; requests in flight are rejected; a later request starts a fresh one', async () => {
    const notices: string[] = [];
    const channel = open({ onNotice: (notice) => notices.push(notice.kind) });
    const inFlight = channel.request('hang');
    const thread = channel.thread!;
    const exitCode = new Promise<number>((resolve) => thread.once('exit', resolve));
    await channel.close();
    expect(await exitCode).toBe(0); // ended by itself, not terminated
    expect(notices).toContain('closing');
    await expect(inFlight).rejects.toThrow('The test worker stopped (it was closed)');
    expect(await channel.request('echo', 'fresh')).toBe('fresh');
    expect(channel.thread).not.toBe(thread);
  });

  it('keeps a process that has nothing else to do alive while a request is in flight and close() waits', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      '-r',
      join(__dirname, 'typescript-hook.js'),
      join(__dirname, 'testing/close-script.ts'),
    ]);
    expect(stdout).toBe('answered\nclosed\n');
  });
});
