import { spawn, type ChildProcess } from 'node:child_process';
import { Socket } from 'node:net';
import { OutputTail } from './output-tail';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

const STOP_GRACE_MS = 10_000;

/**
 * A database server child process that cannot outlive us: stop() is idempotent and waits for the
 * exit, and a synchronous 'exit' hook kills it if the caller never calls stop().
 */
export class ServerProcess {
  readonly exited: Promise<ExitInfo>;
  private readonly tail = new OutputTail();
  private exitInfo: ExitInfo | undefined;
  private stopping: Promise<void> | undefined;
  private readonly killOnParentExit = (): void => {
    this.signal('SIGKILL');
  };

  private constructor(
    readonly description: string,
    private readonly child: ChildProcess,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => this.tail.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.tail.push(chunk));
    this.exited = new Promise((resolve) => {
      child.once('error', (error) => this.onExit({ code: null, signal: null, error }, resolve));
      child.once('exit', (code, signal) => this.onExit({ code, signal }, resolve));
    });
    process.once('exit', this.killOnParentExit);
    // The server must never be the reason a script does not finish; the exit hook above cleans up.
    child.unref();
    for (const stream of [child.stdin, child.stdout, child.stderr]) {
      if (stream instanceof Socket) {
        stream.unref();
      }
    }
  }

  /**
   * stdin is a pipe we never write to: a child that watches it for EOF (the FerretDB launcher
   * does) also dies when we are SIGKILLed and get no chance to run exit hooks.
   */
  static spawn(command: string, args: readonly string[], description: string): ServerProcess {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    return new ServerProcess(description, child);
  }

  get hasExited(): boolean {
    return this.exitInfo !== undefined;
  }

  outputTail(): string {
    return this.tail.text();
  }

  /** Explains an unexpected exit, quoting the child's last output lines. */
  describeExit(info: ExitInfo): string {
    const how = info.error
      ? `failed to start: ${info.error.message}`
      : `exited with ${info.signal ? `signal ${info.signal}` : `code ${String(info.code)}`}`;
    const output = this.outputTail();
    return `${this.description} ${how}${output ? `; last output:\n${output}` : ''}`;
  }

  stop(): Promise<void> {
    this.stopping ??= this.terminate();
    return this.stopping;
  }

  private async terminate(): Promise<void> {
    if (this.hasExited) {
      return;
    }
    this.signal('SIGTERM');
    const timer = setTimeout(() => this.signal('SIGKILL'), STOP_GRACE_MS);
    try {
      await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  private signal(name: NodeJS.Signals): void {
    if (this.hasExited) {
      return;
    }
    try {
      this.child.kill(name);
    } catch {
      // Already gone between the check and the kill: nothing left to stop.
    }
  }

  private onExit(info: ExitInfo, resolve: (info: ExitInfo) => void): void {
    if (this.exitInfo) {
      return;
    }
    this.exitInfo = info;
    process.removeListener('exit', this.killOnParentExit);
    resolve(info);
  }
}
