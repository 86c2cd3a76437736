import { ChildProcess, spawn } from 'node:child_process';
import { WriteStream, createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface NodeChildOptions {
  /** The script to run with this Node binary. */
  script: string;
  args?: readonly string[];
  /** Flags for node itself (e.g. --cpu-prof). */
  nodeArgs?: readonly string[];
  /** Variables set on top of the parent's environment, whose OKR_*, PORT and LOG_LEVEL are dropped first. */
  env?: Readonly<Record<string, string>>;
  /** stdout and stderr are appended here. */
  logFile: string;
  /** Called with each stderr chunk (e.g. to show progress). */
  onStderr?: (chunk: string) => void;
}

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const KEPT_OUTPUT_CHARS = 1_000_000;

/** Variables of the parent that would change what the application does; the bench sets its own. */
function cleanEnvironment(extra: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('OKR_') || key === 'PORT' || key === 'LOG_LEVEL' || key === 'NODE_OPTIONS') continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/**
 * A Node child process with its output logged to a file and kept in memory (up to 1 MB of each stream),
 * so a failure can be explained and a child's JSON answer read.
 */
export class NodeChild {
  readonly exited: Promise<ChildExit>;
  private stdoutText = '';
  private stderrText = '';
  private exitInfo?: ChildExit;
  private readonly log: WriteStream;

  private constructor(
    private readonly child: ChildProcess,
    readonly options: NodeChildOptions,
  ) {
    mkdirSync(dirname(options.logFile), { recursive: true });
    this.log = createWriteStream(options.logFile, { flags: 'a' });
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stdoutText = keepTail(this.stdoutText + chunk);
      this.log.write(chunk);
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderrText = keepTail(this.stderrText + chunk);
      this.log.write(chunk);
      options.onStderr?.(chunk);
    });
    child.on('error', (error) => this.log.write(`spawn error: ${error.message}\n`));
    child.once('exit', (code, signal) => {
      this.exitInfo = { code, signal };
    });
    // 'close' comes after 'exit' and after the output streams have ended: everything printed is captured.
    this.exited = new Promise<ChildExit>((resolve) => {
      child.once('close', (code, signal) => resolve({ code, signal }));
    }).then(async (exit) => {
      this.exitInfo = exit;
      await new Promise((resolve) => this.log.end(resolve));
      return exit;
    });
  }

  static spawn(options: NodeChildOptions): NodeChild {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.script, ...(options.args ?? [])], {
      env: cleanEnvironment(options.env ?? {}),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new NodeChild(child, options);
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error(`${this.options.script} did not start`);
    return this.child.pid;
  }

  get hasExited(): boolean {
    return this.exitInfo !== undefined;
  }

  get stdout(): string {
    return this.stdoutText;
  }

  get stderr(): string {
    return this.stderrText;
  }

  /** The last lines of stderr and stdout, for error messages. */
  describeOutput(lines = 20): string {
    const tail = (text: string) =>
      text
        .split(/\r?\n|\r/)
        .filter((l) => l.trim() !== '')
        .slice(-lines)
        .join('\n    ');
    return `stderr:\n    ${tail(this.stderrText) || '(empty)'}\n  stdout:\n    ${tail(this.stdoutText) || '(empty)'}\n  log: ${this.options.logFile}`;
  }

  /** Waits for the exit and fails unless the code is 0. */
  async succeeded(what: string): Promise<void> {
    const exit = await this.exited;
    if (exit.code !== 0) throw new Error(`${what} failed (exit ${exit.code ?? exit.signal})\n  ${this.describeOutput()}`);
  }

  /** SIGTERM (a graceful shutdown: profiles and stores are flushed), then SIGKILL after `graceMs`. */
  async stop(graceMs = 30_000): Promise<ChildExit> {
    if (this.exitInfo) return this.exited;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }
}

function keepTail(text: string): string {
  return text.length > KEPT_OUTPUT_CHARS ? text.slice(text.length - KEPT_OUTPUT_CHARS) : text;
}
