import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import Stripe from 'stripe';
import { FakeCore } from './core';
import { StripeFakeDrivers } from './drivers/stripe-fake.drivers';
import { handleApiRequest, writeJson } from './http/api-pipeline';
import { systemClock, unixSeconds, type Clock } from './time';

export interface StripeFakeStartOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** The fake's "now"; tests pass their own for deterministic timestamps. */
  clock?: Clock;
  /** `api_version` on events; the installed SDK's pinned version by default. */
  apiVersion?: string;
}

const CHECKOUT_PAGE = /^\/checkout\/([^/]+)\/?$/;

/**
 * A stateful fake of the Stripe API for e2e tests and benchmarks. Point the real SDK at
 * `baseUrl` (see `stripeClientFor`), act as the customer and as Stripe through the drivers,
 * and deliver the events they return to the product's webhook.
 */
export class StripeFakeServer extends StripeFakeDrivers {
  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();
  private stopped = false;

  private constructor(
    core: FakeCore,
    readonly host: string,
  ) {
    super(core);
    this.server = http.createServer((request, response) => {
      this.handle(request, response).catch(() => {
        // Only a broken client connection gets here; there is nobody left to answer.
        response.destroy();
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  static async start(options: StripeFakeStartOptions = {}): Promise<StripeFakeServer> {
    const clock = options.clock ?? systemClock;
    const host = options.host ?? '127.0.0.1';
    // Known only once listening; the session factory reads it lazily.
    let baseUrl = '';
    const core = new FakeCore({
      now: () => unixSeconds(clock()),
      apiVersion: options.apiVersion ?? Stripe.API_VERSION,
      baseUrl: () => baseUrl,
    });
    const fake = new StripeFakeServer(core, host);
    const server = fake.server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        baseUrl = fake.baseUrl;
        resolve();
      });
    });
    return fake;
  }

  /** `http://127.0.0.1:PORT`: the product's `STRIPE_API_BASE`. */
  get baseUrl(): string {
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    return `http://${host}:${this.port}`;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    if (this.stopped) {
      return;
    }
    this.stopped = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // Keep-alive sockets from the SDK's agent would otherwise hold the server open.
    for (const socket of this.sockets) {
      socket.destroy();
    }
    await closed;
  }

  private async handle(
    request: http.IncomingMessage,
    response: http.ServerResponse,
  ): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://stripe-fake.local');
    const body = await readBody(request);
    if (url.pathname.startsWith('/v1/')) {
      await handleApiRequest({ core: this.core, request, response, url, body });
      return;
    }
    const page = CHECKOUT_PAGE.exec(url.pathname);
    const session = page ? this.retrieve(decodeURIComponent(page[1])) : undefined;
    if (session?.object === 'checkout.session') {
      // Enough for a test that follows the session's url; paying is done with completeCheckout.
      const html = `<!doctype html><title>stripe-fake checkout</title><h1>${session.id}</h1><p>${session.status}: ${session.amount_total} ${session.currency}</p>`;
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(html);
      return;
    }
    writeJson(response, {
      status: 404,
      body: JSON.stringify({
        error: {
          type: 'invalid_request_error',
          message: `Unrecognized request URL (${request.method ?? 'GET'}: ${url.pathname}).`,
        },
      }),
    });
  }
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
