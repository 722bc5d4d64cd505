import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TelegramFakeServer } from './telegram-fake.server';
import { callBotApi, okResult } from './testing/call-api';
import type { Update, WebhookInfo } from './types';

interface Hook {
  url: string;
  received: Array<{ update: Update; secret?: string }>;
  close: () => Promise<void>;
}

/** A webhook endpoint whose status per request is decided by `answer`. */
async function startHook(answer: (n: number) => number | Promise<number>): Promise<Hook> {
  const received: Hook['received'] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        update: JSON.parse(Buffer.concat(chunks).toString()) as Update,
        secret: req.headers['x-telegram-bot-api-secret-token'] as string | undefined,
      });
      void Promise.resolve(answer(received.length)).then((status) => res.writeHead(status).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('updates: getUpdates, webhooks, allowed_updates', () => {
  let tg: TelegramFakeServer;
  let token: string;
  const api = (method: string, params: Record<string, unknown> = {}) =>
    callBotApi(tg.url, token, method, params);
  const updates = (params: Record<string, unknown> = {}) =>
    okResult<Update[]>(tg.url, token, 'getUpdates', params);

  beforeEach(async () => {
    tg = await TelegramFakeServer.start({ webhook: { backoffMs: 5 } });
    token = tg.createBot().token;
  });

  afterEach(() => tg.stop());

  it('keeps updates until confirmed by offset; update_id grows per bot', async () => {
    const other = tg.createBot();
    const user = tg.createUser();
    tg.sendMessage(user.id, 'one');
    tg.sendMessage(user.id, 'two');
    tg.sendMessage(user.id, 'to other', { bot: other.token });

    const first = await updates();
    expect(first.map((u) => [u.update_id, u.message?.text])).toEqual([
      [1, 'one'],
      [2, 'two'],
    ]);
    expect(await updates()).toHaveLength(2);
    expect((await updates({ offset: 2 })).map((u) => u.update_id)).toEqual([2]);
    expect(await updates({ offset: 3 })).toEqual([]);
    expect(
      (await okResult<Update[]>(tg.url, other.token, 'getUpdates')).map((u) => u.update_id),
    ).toEqual([1]);
    expect((await updates({ limit: 1, offset: -1 })).length).toBe(0);
  });

  it('long-polls: holds the request until an update arrives', async () => {
    const started = Date.now();
    const pending = updates({ timeout: 5 });
    setTimeout(() => tg.sendMessage(tg.createUser().id, 'late'), 100);

    const result = await pending;
    expect(result.map((u) => u.message?.text)).toEqual(['late']);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(90);
    expect(elapsed).toBeLessThan(2000);
  });

  it('long-polls: answers [] when the timeout passes', async () => {
    const started = Date.now();
    expect(await updates({ timeout: 1 })).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('a second poller terminates the first with 409', async () => {
    const first = api('getUpdates', { timeout: 5 });
    await new Promise((r) => setTimeout(r, 50));
    const second = api('getUpdates', { timeout: 0 });
    expect((await first).body).toMatchObject({
      ok: false,
      error_code: 409,
      description:
        'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    });
    expect((await second).body.ok).toBe(true);
  });

  it('getUpdates conflicts with an active webhook', async () => {
    await okResult(tg.url, token, 'setWebhook', { url: 'http://127.0.0.1:9/hook' });
    const res = await api('getUpdates');
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      description: expect.stringContaining("can't use getUpdates method while webhook is active"),
    });
  });

  it('chat_member is excluded by default and delivered only when listed in allowed_updates', async () => {
    const chatId = tg.createChat({ type: 'supergroup' }).id;
    tg.setBotRights(chatId, token, {});
    const user = tg.createUser();

    tg.addUserByAdmin(chatId, user.id);
    expect((await updates()).map((u) => Object.keys(u)[1])).toEqual(['message']);

    await updates({ offset: -1, allowed_updates: ['chat_member'] });
    await updates({ offset: (await updates()).at(-1)!.update_id + 1 });
    tg.leaveChat(user.id, chatId);
    const filtered = await updates();
    expect(filtered.map((u) => Object.keys(u)[1])).toEqual(['chat_member']);
    expect(filtered[0].chat_member?.new_chat_member.status).toBe('left');

    // An empty list goes back to Telegram's default set.
    await updates({ offset: filtered[0].update_id + 1, allowed_updates: [] });
    tg.addUserByAdmin(chatId, user.id);
    expect((await updates()).map((u) => Object.keys(u)[1])).toEqual(['message']);
  });

  it('chat_member goes only to bots that are administrators', async () => {
    const chatId = tg.createChat({ type: 'supergroup' }).id;
    tg.setBotRights(chatId, token, 'member');
    await updates({ allowed_updates: ['chat_member'] });
    tg.addUserByAdmin(chatId, tg.createUser().id);
    expect(await updates()).toEqual([]);
  });

  it('privacy mode: a non-admin bot sees commands, not chatter', async () => {
    const chatId = tg.createChat({ type: 'supergroup' }).id;
    tg.setBotRights(chatId, token, 'member');
    const user = tg.createUser();
    tg.addMember(chatId, user.id);
    tg.sendMessage(user.id, 'just talking', { chatId });
    tg.sendCommand(user.id, 'status', { chatId });
    expect((await updates()).map((u) => u.message?.text)).toEqual(['/status']);
  });

  it('webhook: one update at a time, in order, with the secret token header', async () => {
    let release!: () => void;
    const gate = new Promise<number>((resolve) => (release = () => resolve(200)));
    const hook = await startHook((n) => (n === 1 ? gate : 200));
    try {
      await okResult(tg.url, token, 'setWebhook', { url: hook.url, secret_token: 'abc_123' });
      const user = tg.createUser();
      tg.sendMessage(user.id, 'a');
      tg.sendMessage(user.id, 'b');
      await tg.waitFor(() => hook.received.length === 1);
      await new Promise((r) => setTimeout(r, 50));
      expect(hook.received).toHaveLength(1);
      release();
      await tg.waitFor(() => tg.webhookDeliveries().length === 2);
      expect(hook.received.map((r) => [r.update.message?.text, r.secret])).toEqual([
        ['a', 'abc_123'],
        ['b', 'abc_123'],
      ]);
      const info = await okResult<WebhookInfo>(tg.url, token, 'getWebhookInfo');
      expect(info).toMatchObject({
        url: hook.url,
        pending_update_count: 0,
        has_custom_certificate: false,
      });
    } finally {
      await hook.close();
    }
  });

  it('webhook: retries non-2xx answers with backoff and records each status', async () => {
    const hook = await startHook((n) => (n < 3 ? 500 : 200));
    try {
      await okResult(tg.url, token, 'setWebhook', { url: hook.url });
      tg.sendMessage(tg.createUser().id, 'retry me');
      await tg.waitFor(() => tg.webhookDeliveries().some((d) => d.status === 200));
      expect(tg.webhookDeliveries().map((d) => [d.attempt, d.status])).toEqual([
        [1, 500],
        [2, 500],
        [3, 200],
      ]);
      expect(tg.pendingUpdates()).toEqual([]);
    } finally {
      await hook.close();
    }
  });

  it('webhook: records connection failures and gives up after the configured attempts', async () => {
    const hook = await startHook(() => 200);
    await hook.close();
    await okResult(tg.url, token, 'setWebhook', { url: hook.url });
    tg.sendMessage(tg.createUser().id, 'nobody home');
    await tg.waitFor(() => tg.webhookDeliveries().length === 4);
    await tg.waitFor(() => tg.pendingUpdates().length === 0);
    expect(tg.webhookDeliveries().map((d) => d.status)).toEqual([null, null, null, null]);
    const info = await okResult<WebhookInfo>(tg.url, token, 'getWebhookInfo');
    expect(info.last_error_message).toBe('Connection refused');
  });

  it('deleteWebhook with drop_pending_updates discards the queue', async () => {
    tg.sendMessage(tg.createUser().id, 'old');
    await okResult(tg.url, token, 'deleteWebhook', { drop_pending_updates: true });
    expect(await updates()).toEqual([]);
  });
});
