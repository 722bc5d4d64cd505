import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ApiExecutor } from './api-executor';
import { FakeCore } from './core';
import { InspectionDrivers } from './drivers/inspection.drivers';
import { TelegramApiError } from './errors';
import { parseParams, readBody } from './http/body';
import { CONTROL_ACTIONS, runControlAction } from './http/control-api';
import { MethodRegistry } from './methods/registry';
import { Params } from './params';
import type { WebhookOptions } from './updates/webhook-manager';

export interface TelegramFakeStartOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  webhook?: Partial<WebhookOptions>;
  /** Deadline for answerPreCheckoutQuery (Telegram: 10 s). */
  preCheckoutTimeoutMs?: number;
}

const API_PATH = /^\/bot([^/]+)\/(?:test\/)?([^/]+)\/?$/;

/**
 * A fake Telegram Bot API server. Give `url` to telegraf as `telegram.apiRoot`; drive users,
 * chats and payments through the driver methods; inspect calls, messages and deliveries.
 */
export class TelegramFakeServer extends InspectionDrivers {
  private readonly server: http.Server;
  private readonly executor: ApiExecutor;
  private readonly sockets = new Set<Socket>();
  private stopped = false;

  private constructor(core: FakeCore) {
    super(core);
    this.executor = new ApiExecutor(core, new MethodRegistry());
    // Methods a webhook returns in its response body are executed like normal calls.
    core.webhooks.setReplyHandler(async (bot, body) => {
      const { method, ...params } = body;
      await this.executor.execute({
        token: bot.token,
        method: String(method),
        params: new Params(params),
        onClose: () => undefined,
        viaWebhookReply: true,
      });
    });
    this.server = http.createServer((request, response) => {
      void this.handle(request, response);
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  static async start(options: TelegramFakeStartOptions = {}): Promise<TelegramFakeServer> {
    const fake = new TelegramFakeServer(
      new FakeCore({
        webhook: options.webhook,
        preCheckoutTimeoutMs: options.preCheckoutTimeoutMs,
      }),
    );
    await new Promise<void>((resolve, reject) => {
      fake.server.once('error', reject);
      fake.server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        fake.server.off('error', reject);
        resolve();
      });
    });
    return fake;
  }

  /** The apiRoot for telegraf: `new Telegraf(token, { telegram: { apiRoot: tg.url } })`. */
  get url(): string {
    const address = this.server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}`;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Stops webhooks, ends held long polls and hanging calls, and closes the server. */
  async stop(): Promise<void> {
    if (this.stopped) {
      return;
    }
    this.stopped = true;
    this.core.webhooks.stop();
    for (const bot of this.core.bots.all()) {
      bot.queue.terminateWaiter();
    }
    this.core.payments.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) {
      socket.destroy();
    }
    this.core.faults.clear();
    await closed;
  }

  private async handle(
    request: http.IncomingMessage,
    response: http.ServerResponse,
  ): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake.local');
    try {
      const body = await readBody(request);
      const api = API_PATH.exec(url.pathname);
      if (api) {
        await this.handleApi(request, response, url, body, api[1], api[2]);
      } else if (url.pathname.startsWith('/_fake/')) {
        const parsed = body.length
          ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>)
          : {};
        const action = url.pathname.slice('/_fake/'.length).replace(/\/$/, '');
        const result = await runControlAction(
          this,
          request.method ?? 'GET',
          action,
          parsed,
          url.searchParams,
        );
        send(response, result.status, result.body);
      } else if (url.pathname === '/' || url.pathname === '/_fake') {
        send(response, 200, {
          ok: true,
          fake: 'telegram-bot-api',
          api: `${this.url}/bot<token>/<method>`,
          control: CONTROL_ACTIONS,
        });
      } else {
        send(response, 404, { ok: false, error_code: 404, description: 'Not Found' });
      }
    } catch (error) {
      const apiError =
        error instanceof TelegramApiError
          ? error
          : new TelegramApiError(400, `Bad Request: ${(error as Error).message}`);
      send(response, apiError.error_code, apiError.toResponse());
    }
  }

  private async handleApi(
    request: http.IncomingMessage,
    response: http.ServerResponse,
    url: URL,
    body: Buffer,
    token: string,
    method: string,
  ): Promise<void> {
    const params = parseParams(url, request.headers['content-type'], body);
    const result = await this.executor.execute({
      token: decodeURIComponent(token),
      method,
      params,
      onClose: (listener) => {
        if (response.writableEnded) {
          return;
        }
        if (request.socket.destroyed) {
          listener();
        } else {
          response.once('close', listener);
        }
      },
    });
    if (result) {
      send(response, result.status, result.body);
    }
  }
}

function send(response: http.ServerResponse, status: number, body: unknown): void {
  if (response.writableEnded || response.destroyed) {
    return;
  }
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
  });
  response.end(payload);
}
