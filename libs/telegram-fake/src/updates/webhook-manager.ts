import * as http from 'node:http';
import * as https from 'node:https';
import type { BotAccount } from '../state/bots';
import type { Update } from '../types';

export interface WebhookOptions {
  /** Deliveries per update before it is dropped (Telegram retries longer; tests need an end). */
  attempts: number;
  /** First retry delay; doubles on each further attempt. */
  backoffMs: number;
  /** Telegram gives up on a webhook request after a while and reports "Read timeout expired". */
  timeoutMs: number;
}

export interface WebhookDelivery {
  botId: number;
  updateId: number;
  update: Update;
  url: string;
  attempt: number;
  /** HTTP status the webhook answered, or null when it could not be reached. */
  status: number | null;
  error?: string;
  at: number;
  durationMs: number;
}

/** Executes a method a webhook returned in its response body (telegraf's webhookReply). */
export type WebhookReplyHandler = (bot: BotAccount, body: Record<string, unknown>) => Promise<void>;

interface PostResult {
  status: number | null;
  error?: string;
  body?: string;
  contentType?: string;
}

/**
 * Pushes each bot's updates to its webhook one at a time and in order, like Telegram: the next
 * update goes out only after the previous one was accepted (2xx) or given up on.
 */
export class WebhookManager {
  readonly deliveries: WebhookDelivery[] = [];
  private readonly running = new Set<number>();
  private readonly unsubscribe = new Map<number, () => void>();
  private readonly inflight = new Set<http.ClientRequest>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private replyHandler?: WebhookReplyHandler;
  private stopped = false;

  constructor(
    private readonly options: WebhookOptions,
    private readonly onChange: () => void,
  ) {}

  setReplyHandler(handler: WebhookReplyHandler): void {
    this.replyHandler = handler;
  }

  activate(bot: BotAccount): void {
    if (!this.unsubscribe.has(bot.id)) {
      this.unsubscribe.set(
        bot.id,
        bot.queue.onPush(() => this.kick(bot)),
      );
    }
    this.kick(bot);
  }

  deactivate(bot: BotAccount): void {
    this.unsubscribe.get(bot.id)?.();
    this.unsubscribe.delete(bot.id);
  }

  stop(): void {
    this.stopped = true;
    for (const off of this.unsubscribe.values()) {
      off();
    }
    this.unsubscribe.clear();
    for (const request of this.inflight) {
      request.destroy();
    }
    for (const timer of this.timers) {
      clearTimeout(timer);
    }
  }

  clearHistory(): void {
    this.deliveries.length = 0;
  }

  private kick(bot: BotAccount): void {
    if (this.running.has(bot.id) || this.stopped) {
      return;
    }
    this.running.add(bot.id);
    void this.loop(bot).finally(() => {
      this.running.delete(bot.id);
      // An update may have arrived while the last delivery was finishing.
      if (bot.webhook && bot.queue.size > 0 && this.unsubscribe.has(bot.id)) {
        this.kick(bot);
      }
    });
  }

  private async loop(bot: BotAccount): Promise<void> {
    while (!this.stopped && bot.webhook) {
      const [update] = bot.queue.peek(1);
      if (!update) {
        return;
      }
      const settled = await this.deliver(bot, update);
      if (settled) {
        bot.queue.ack(update.update_id);
      }
      this.onChange();
    }
  }

  /** True when the update is done with (accepted or dropped); false if the webhook went away. */
  private async deliver(bot: BotAccount, update: Update): Promise<boolean> {
    for (let attempt = 1; attempt <= this.options.attempts; attempt++) {
      const webhook = bot.webhook;
      if (!webhook || this.stopped) {
        return false;
      }
      const startedAt = Date.now();
      const result = await this.post(webhook.url, webhook.secretToken, update);
      this.deliveries.push({
        botId: bot.id,
        updateId: update.update_id,
        update,
        url: webhook.url,
        attempt,
        status: result.status,
        ...(result.error ? { error: result.error } : {}),
        at: startedAt,
        durationMs: Date.now() - startedAt,
      });
      if (result.status !== null && result.status >= 200 && result.status < 300) {
        await this.handleReply(bot, result);
        return true;
      }
      if (bot.webhook) {
        bot.webhook.lastErrorDate = Math.floor(Date.now() / 1000);
        bot.webhook.lastErrorMessage = result.error ?? 'Connection refused';
      }
      this.onChange();
      if (attempt < this.options.attempts) {
        await this.sleep(this.options.backoffMs * 2 ** (attempt - 1));
      }
    }
    return true;
  }

  private async handleReply(bot: BotAccount, result: PostResult): Promise<void> {
    if (!result.body || !result.contentType?.includes('application/json') || !this.replyHandler) {
      return;
    }
    try {
      const body = JSON.parse(result.body) as unknown;
      if (
        body &&
        typeof body === 'object' &&
        typeof (body as { method?: unknown }).method === 'string'
      ) {
        await this.replyHandler(bot, body as Record<string, unknown>);
      }
    } catch {
      // Telegram ignores webhook replies it cannot parse.
    }
  }

  private post(url: string, secretToken: string | undefined, update: Update): Promise<PostResult> {
    return new Promise((resolve) => {
      const payload = Buffer.from(JSON.stringify(update));
      const client = url.startsWith('https:') ? https : http;
      const headers: http.OutgoingHttpHeaders = {
        'content-type': 'application/json',
        'content-length': payload.length,
      };
      if (secretToken) {
        headers['x-telegram-bot-api-secret-token'] = secretToken;
      }
      const request = client.request(url, { method: 'POST', headers }, (response) => {
        const status = response.statusCode ?? 0;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          resolve({
            status,
            body: Buffer.concat(chunks).toString('utf8'),
            contentType: response.headers['content-type'],
            ...(status < 200 || status >= 300
              ? {
                  error:
                    `Wrong response from the webhook: ${status} ${response.statusMessage ?? ''}`.trim(),
                }
              : {}),
          });
        });
        response.on('error', (error) => resolve({ status, error: error.message }));
      });
      this.inflight.add(request);
      request.setTimeout(this.options.timeoutMs, () => {
        request.destroy(new Error('Read timeout expired'));
      });
      request.on('error', (error: NodeJS.ErrnoException) => {
        resolve({
          status: null,
          error: error.code === 'ECONNREFUSED' ? 'Connection refused' : error.message,
        });
      });
      request.on('close', () => this.inflight.delete(request));
      request.end(payload);
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}
