import { Telegraf } from 'telegraf';
import { TelegramFakeServer } from './telegram-fake.server';
import { callBotApi } from './testing/call-api';

describe('fault injection', () => {
  let tg: TelegramFakeServer;
  let token: string;
  let userId: number;
  const send = (chatId = userId) =>
    callBotApi(tg.url, token, 'sendMessage', { chat_id: chatId, text: 'x' });

  beforeEach(async () => {
    tg = await TelegramFakeServer.start();
    token = tg.createBot().token;
    userId = tg.createUser().id;
    tg.startBot(userId);
  });

  afterEach(() => tg.stop());

  it('answers 429 with retry_after for the next K calls only', async () => {
    tg.injectFault({ method: 'sendMessage', times: 2, error: { code: 429, retryAfter: 7 } });

    const first = await send();
    expect(first.status).toBe(429);
    expect(first.body).toEqual({
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 7',
      parameters: { retry_after: 7 },
    });
    expect((await send()).status).toBe(429);
    expect((await send()).status).toBe(200);
    expect(tg.messagesTo(userId)).toHaveLength(1);
    expect(tg.calls('sendMessage').map((c) => c.injected ?? null)).toEqual([
      'fault',
      'fault',
      null,
    ]);
  });

  it('answers 5xx, 403 and 400 with the given description; telegraf sees the status', async () => {
    tg.injectFault({ method: 'sendMessage', times: 1, error: { code: 502 } });
    tg.injectFault({
      method: 'getChat',
      times: 1,
      error: { code: 400, description: 'Bad Request: chat not found' },
    });
    const bot = new Telegraf(token, { telegram: { apiRoot: tg.url } });

    await expect(bot.telegram.sendMessage(userId, 'x')).rejects.toMatchObject({ code: 502 });
    await expect(bot.telegram.getChat(userId)).rejects.toMatchObject({
      code: 400,
      description: 'Bad Request: chat not found',
    });
    await expect(bot.telegram.sendMessage(userId, 'x')).resolves.toMatchObject({ text: 'x' });
  });

  it('can target one chat_id', async () => {
    const other = tg.createUser().id;
    tg.startBot(other);
    tg.injectFault({
      method: 'sendMessage',
      chatId: other,
      error: { code: 403, description: 'Forbidden: bot was blocked by the user' },
    });
    expect((await send(userId)).status).toBe(200);
    expect((await send(other)).body).toMatchObject({
      error_code: 403,
      description: 'Forbidden: bot was blocked by the user',
    });
  });

  it('delays a call and then performs it', async () => {
    tg.injectFault({ method: 'sendMessage', times: 1, delayMs: 150 });
    const started = Date.now();
    expect((await send()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('hangs until the fault is cleared, then performs the call', async () => {
    const id = tg.injectFault({ method: 'sendMessage', hang: true });
    let settled = false;
    const pending = send().then((r) => {
      settled = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(settled).toBe(false);
    expect(tg.messagesTo(userId)).toHaveLength(0);

    tg.clearFault(id);
    expect((await pending).status).toBe(200);
    expect(tg.messagesTo(userId)).toHaveLength(1);
  });

  it('stop() ends hanging requests', async () => {
    tg.injectFault({ method: 'sendMessage', hang: true });
    const pending = send().then(
      () => 'answered',
      () => 'connection closed',
    );
    await new Promise((r) => setTimeout(r, 50));
    await tg.stop();
    expect(await pending).toBe('connection closed');
  });
});

describe('rate-limit mode', () => {
  let tg: TelegramFakeServer;
  let token: string;
  const send = (chatId: number) =>
    callBotApi(tg.url, token, 'sendMessage', { chat_id: chatId, text: 'x' });
  const startedUser = (): number => {
    const id = tg.createUser().id;
    tg.startBot(id);
    return id;
  };

  beforeEach(async () => {
    tg = await TelegramFakeServer.start();
    token = tg.createBot().token;
  });

  afterEach(() => tg.stop());

  it('is off by default', async () => {
    const user = startedUser();
    for (let i = 0; i < 5; i++) {
      expect((await send(user)).status).toBe(200);
    }
  });

  it('enforces 1 message/s per private chat with a strict sliding window', async () => {
    tg.enableRateLimits();
    const [ann, bob] = [startedUser(), startedUser()];

    expect((await send(ann)).status).toBe(200);
    const limited = await send(ann);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });
    expect((await send(bob)).status).toBe(200);
    expect(tg.lastCall('sendMessage')?.injected).toBeUndefined();
    expect(tg.calls('sendMessage').filter((c) => c.injected === 'rate_limit')).toHaveLength(1);

    tg.advanceTime(1);
    expect((await send(ann)).status).toBe(200);
  });

  it('enforces the per-bot limit across chats and the per-group limit, with retry_after rounded up', async () => {
    tg.enableRateLimits({
      perBot: { limit: 3, windowMs: 1000 },
      perPrivateChat: { limit: 10, windowMs: 1000 },
      perGroupChat: { limit: 2, windowMs: 60_000 },
    });
    const group = tg.createChat({ type: 'supergroup' }).id;
    tg.setBotRights(group, token, {});

    expect((await send(group)).status).toBe(200);
    expect((await send(group)).status).toBe(200);
    const groupLimited = await send(group);
    expect(groupLimited.body).toMatchObject({ error_code: 429 });
    expect(
      (groupLimited.body as { parameters: { retry_after: number } }).parameters.retry_after,
    ).toBeGreaterThan(55);

    const user = startedUser();
    expect((await send(user)).status).toBe(200);
    expect((await send(user)).status).toBe(429); // 4th message of the bot within 1 s
  });

  it('does not count calls that failed for other reasons, nor non-message methods', async () => {
    tg.enableRateLimits();
    const stranger = tg.createUser().id; // never started the bot: 403
    expect((await send(stranger)).status).toBe(403);
    tg.startBot(stranger);
    expect((await send(stranger)).status).toBe(200);
    for (let i = 0; i < 3; i++) {
      expect((await callBotApi(tg.url, token, 'getChat', { chat_id: stranger })).status).toBe(200);
    }
  });

  it('counts configurable methods', async () => {
    tg.enableRateLimits({ methods: ['sendPhoto'] });
    const user = startedUser();
    expect((await send(user)).status).toBe(200);
    expect((await send(user)).status).toBe(200);
  });
});
