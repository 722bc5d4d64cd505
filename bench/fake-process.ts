import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { forkScript } from './fork-script';

/**
 * The fake Telegram in a process of its own, driven through its HTTP control API (/_fake), as
 * Telegram runs on other machines: the application's event loop then carries only the
 * application's work.
 */
export class FakeTelegramProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly botToken: string,
  ) {}

  static async start(port: number): Promise<FakeTelegramProcess> {
    const botToken = `${100_000 + Math.floor(Math.random() * 800_000)}:${randomBytes(17).toString('base64url')}`;
    const child = forkScript('libs/telegram-fake/src/cli', {
      env: { ...process.env, PORT: String(port), TELEGRAM_BOT_TOKEN: botToken },
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the fake Telegram exited (${code})`)));
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('listening on')) {
          resolve();
        }
      });
    });
    child.stdout?.resume();
    return new FakeTelegramProcess(child, `http://127.0.0.1:${port}`, botToken);
  }

  /** How many calls of this method the fake answered with ok. */
  async okCalls(method: string): Promise<number> {
    const res = await fetch(`${this.url}/_fake/calls?method=${encodeURIComponent(method)}`);
    const { result } = (await res.json()) as { result: Array<{ ok: boolean }> };
    return result.filter((call) => call.ok).length;
  }

  async control<T>(action: string, body: Record<string, unknown> = {}): Promise<T> {
    const res = await fetch(`${this.url}/_fake/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) {
      throw new Error(`/_fake/${action}: ${res.status} ${await res.text()}`);
    }
    return ((await res.json()) as { result: T }).result;
  }

  /** Users who pressed START (before the webhook is set, so nothing reaches the application). */
  async startedUsers(count: number): Promise<number[]> {
    const ids: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const user = await this.control<{ id: number }>('createUser', { first_name: 'Bench' });
      await this.control('startBot', { userId: user.id });
      ids.push(user.id);
    }
    return ids;
  }

  async stop(): Promise<void> {
    this.child.removeAllListeners('exit');
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}
