import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NodeWebhookHttpClient, WebhookTransportError } from './webhook-http.client';

describe('NodeWebhookHttpClient', () => {
  let server: Server;
  let port: number;
  const seen: { headers: IncomingMessage['headers']; body: string }[] = [];
  let answer: { status: number; body: string; delayMs?: number } = { status: 200, body: 'ok' };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        setTimeout(() => res.writeHead(answer.status).end(answer.body), answer.delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    seen.length = 0;
    answer = { status: 200, body: 'ok' };
  });

  const post = (nodeEnv: 'test' | 'production', url: string, timeoutMs = 2_000) =>
    new NodeWebhookHttpClient({ nodeEnv }).post({
      url,
      body: '{"id":"evt_1","data":{"name":"Zoë"}}',
      headers: { 'Content-Type': 'application/json', 'Membergate-Webhook-Id': 'evt_1' },
      timeoutMs,
      signal: new AbortController().signal,
    });
  const failureOf = async (request: Promise<unknown>): Promise<string> => {
    try {
      await request;
      return 'none';
    } catch (error) {
      return error instanceof WebhookTransportError ? error.failure : String(error);
    }
  };

  it('posts the exact body and headers and returns the status and the start of the answer', async () => {
    answer = { status: 503, body: 'x'.repeat(5_000) };
    const response = await post('test', `http://127.0.0.1:${port}/hook`);
    expect(response.statusCode).toBe(503);
    expect(response.body).toHaveLength(1_024);
    expect(seen[0].body).toBe('{"id":"evt_1","data":{"name":"Zoë"}}');
    expect(seen[0].headers['content-length']).toBe(String(Buffer.byteLength(seen[0].body)));
    expect(seen[0].headers['membergate-webhook-id']).toBe('evt_1');
  });

  it('gives up on a receiver that does not answer in time', async () => {
    answer = { status: 200, body: 'late', delayMs: 400 };
    expect(await failureOf(post('test', `http://127.0.0.1:${port}/slow`, 100))).toBe('TIMEOUT');
  });

  it('reports a refused connection as a network failure', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await failureOf(post('test', `http://127.0.0.1:${deadPort}/`))).toBe('NETWORK');
  });

  it('refuses, in production, to connect to a name that resolves to a private address', async () => {
    expect(await failureOf(post('production', `http://localhost:${port}/hook`))).toBe(
      'ADDRESS_REFUSED',
    );
    expect(seen).toHaveLength(0);
    // Outside production a local receiver is fine.
    await expect(post('test', `http://localhost:${port}/hook`)).resolves.toMatchObject({
      statusCode: 200,
    });
  });
});
