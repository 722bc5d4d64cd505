import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  createServer,
  IncomingHttpHeaders,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as received (what the signature covers). */
  body: string;
  json: { id: string; type: string; createdAt: string; data: Record<string, unknown> };
}

/**
 * The verification snippet of docs/WEBHOOKS.md, verbatim in behaviour: the receiver's side of
 * the contract, written independently of the server's signing code.
 */
export function verifyMembergateWebhook(params: {
  rawBody: string;
  headers: IncomingHttpHeaders;
  secret: string;
  nowSeconds?: number;
  toleranceSeconds?: number;
}): boolean {
  const timestamp = String(params.headers['membergate-webhook-timestamp'] ?? '');
  const signatures = String(params.headers['membergate-signature'] ?? '').split(' ');
  const now = params.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (
    !/^\d+$/.test(timestamp) ||
    Math.abs(now - Number(timestamp)) > (params.toleranceSeconds ?? 300)
  ) {
    return false;
  }
  const expected = createHmac('sha256', params.secret)
    .update(`${timestamp}.${params.rawBody}`)
    .digest();
  return signatures.some((entry) => {
    const [version, hex] = entry.split('=');
    if (version !== 'v1' || !hex) {
      return false;
    }
    const given = Buffer.from(hex, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/**
 * A seller's server on 127.0.0.1: records every request and answers with the statuses it is
 * told to (in order, then `defaultStatus`), optionally after a delay.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  defaultStatus = 200;
  delayMs = 0;
  private readonly queued: number[] = [];
  private readonly waiters: Array<() => void> = [];

  private readonly server: Server = createServer((req, res) => this.handle(req, res));

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  /** The next requests get these statuses, in order; then `defaultStatus` again. */
  respondWith(...statuses: number[]): void {
    this.queued.push(...statuses);
  }

  to(path: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.path === path);
  }

  /** Resolves once `count` requests have arrived at `path` (any path when left out). */
  async waitFor(count: number, path?: string, timeoutMs = 5_000): Promise<ReceivedWebhook[]> {
    const matching = (): ReceivedWebhook[] => (path ? this.to(path) : this.received);
    const deadline = Date.now() + timeoutMs;
    while (matching().length < count) {
      if (Date.now() > deadline) {
        throw new Error(`only ${matching().length} of ${count} webhooks arrived at ${path ?? '*'}`);
      }
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return matching();
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      this.record({ path: req.url ?? '/', headers: req.headers, body, json: JSON.parse(body) });
      const status = this.queued.shift() ?? this.defaultStatus;
      const answer = (): void => {
        res.writeHead(status, { 'Content-Type': 'text/plain' }).end(`answered ${status}`);
      };
      if (this.delayMs > 0) {
        setTimeout(answer, this.delayMs);
      } else {
        answer();
      }
    });
  }

  private record(webhook: ReceivedWebhook): void {
    this.received.push(webhook);
    for (const wake of this.waiters.splice(0)) {
      wake();
    }
  }
}
