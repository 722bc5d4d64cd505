import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Telegraf } from 'telegraf';
import { TelegramFakeServer } from './telegram-fake.server';

/** The product talks to Telegram through telegraf; these tests prove telegraf accepts the fake. */
describe('TelegramFakeServer with the real telegraf client', () => {
  let tg: TelegramFakeServer;
  let token: string;
  let bot: Telegraf;

  beforeEach(async () => {
    tg = await TelegramFakeServer.start();
    token = tg.createBot({ username: 'membergate_test_bot' }).token;
    bot = new Telegraf(token, { telegram: { apiRoot: tg.url } });
  });

  afterEach(async () => {
    await tg.stop();
  });

  it('sends a message to a user who started the bot', async () => {
    const user = tg.createUser({ first_name: 'Ann' });
    tg.startBot(user.id);

    const sent = await bot.telegram.sendMessage(user.id, '<b>Welcome</b>, Ann', {
      parse_mode: 'HTML',
    });

    expect(sent).toMatchObject({
      message_id: 2,
      chat: { id: user.id, type: 'private' },
      text: 'Welcome, Ann',
      entities: [{ type: 'bold', offset: 0, length: 7 }],
    });
    expect(tg.messagesTo(user.id).map((m) => m.text)).toEqual(['Welcome, Ann']);
    expect(tg.lastCall('sendMessage')).toMatchObject({ ok: true, params: { chat_id: user.id } });
  });

  it('surfaces Telegram errors as TelegramError with code and description', async () => {
    const user = tg.createUser();
    await expect(bot.telegram.sendMessage(user.id, 'hi')).rejects.toMatchObject({
      code: 403,
      description: "Forbidden: bot can't initiate conversation with a user",
    });
  });

  it('creates invite links in a chat where it is an admin', async () => {
    const chat = tg.createChat({ type: 'supergroup', title: 'VIP' });
    tg.setBotRights(chat.id, token, { can_invite_users: true });
    const me = await bot.telegram.getMe();

    const link = await bot.telegram.createChatInviteLink(chat.id, {
      member_limit: 1,
      name: 'order-42',
    });

    expect(link).toMatchObject({
      creator: { id: me.id, is_bot: true, username: 'membergate_test_bot' },
      member_limit: 1,
      name: 'order-42',
      creates_join_request: false,
      is_primary: false,
      is_revoked: false,
    });
    expect(link.invite_link).toMatch(/^https:\/\/t\.me\/\+[\w-]{16}$/);
  });

  it('uploads a photo as multipart and gets photo sizes back', async () => {
    const user = tg.createUser();
    tg.startBot(user.id);

    const sent = await bot.telegram.sendPhoto(
      user.id,
      { source: Buffer.from('fake-jpeg-bytes'), filename: 'pic.jpg' },
      {
        caption: 'receipt',
        reply_markup: { inline_keyboard: [[{ text: 'OK', callback_data: 'ok' }]] },
      },
    );

    expect(sent.caption).toBe('receipt');
    expect(sent.photo.length).toBeGreaterThan(1);
    expect(sent.reply_markup?.inline_keyboard[0][0]).toEqual({ text: 'OK', callback_data: 'ok' });
    expect(tg.lastCall('sendPhoto')?.params.photo).toMatchObject({ file: 'pic.jpg', size: 15 });
  });

  it('delivers updates to bot.webhookCallback with the secret token, and executes webhook replies', async () => {
    const seen: string[] = [];
    bot.on('message', async (ctx) => {
      seen.push(ctx.message && 'text' in ctx.message ? ctx.message.text : '?');
      await ctx.reply(`echo: ${seen.at(-1)}`, {
        reply_markup: { inline_keyboard: [[{ text: 'Go', callback_data: 'go' }]] },
      });
    });
    // telegraf answers this inside the webhook HTTP response (webhookReply), not with a request.
    bot.on('callback_query', (ctx) => ctx.answerCbQuery('pressed'));
    const callback = bot.webhookCallback('/hook', { secretToken: 's3cret' });
    const server = http.createServer((req, res) => void callback(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await bot.telegram.setWebhook(`http://127.0.0.1:${port}/hook`, { secret_token: 's3cret' });
      const user = tg.createUser();

      tg.sendMessage(user.id, 'hello');
      const reply = await tg.waitForMessage({ chatId: user.id, text: 'echo: hello' });
      const query = tg.pressButton(user.id, { messageId: reply.message_id, data: 'go' });
      await tg.waitFor(() => tg.callbackAnswer(query.id), { description: 'callback answer' });

      expect(seen).toEqual(['hello']);
      expect(tg.callbackAnswer(query.id)).toEqual({ text: 'pressed' });
      expect(tg.lastCall('answerCallbackQuery')).toMatchObject({ ok: true, viaWebhookReply: true });
      const deliveries = tg.webhookDeliveries();
      expect(deliveries.map((d) => [d.updateId, d.status])).toEqual([
        [1, 200],
        [2, 200],
      ]);
      expect(deliveries[1].update.callback_query?.data).toBe('go');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('rejects webhook deliveries telegraf refuses for a wrong secret token', async () => {
    bot.on('message', () => undefined);
    const callback = bot.webhookCallback('/hook', { secretToken: 'right' });
    const server = http.createServer((req, res) => void callback(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await bot.telegram.setWebhook(`http://127.0.0.1:${port}/hook`, { secret_token: 'wrong' });
      tg.sendMessage(tg.createUser().id, 'hi');
      await tg.waitFor(() => tg.webhookDeliveries().length === 4);
      expect(tg.webhookDeliveries().map((d) => d.status)).toEqual([403, 403, 403, 403]);
      const info = await bot.telegram.getWebhookInfo();
      expect(info.last_error_message).toMatch(/Wrong response from the webhook: 403/);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('long-polls with bot.launch() and receives updates as they happen', async () => {
    const received: string[] = [];
    bot.on('message', (ctx) => {
      received.push(ctx.message && 'text' in ctx.message ? ctx.message.text : '?');
    });
    let launched!: () => void;
    const ready = new Promise<void>((resolve) => (launched = resolve));
    const running = bot.launch(() => launched());
    await ready;

    const user = tg.createUser();
    tg.sendMessage(user.id, 'ping');
    await tg.waitFor(() => received.includes('ping'));
    tg.sendMessage(user.id, 'pong');
    await tg.waitFor(() => received.includes('pong'));

    bot.stop('test over');
    await running;
    expect(received).toEqual(['ping', 'pong']);
    // telegraf confirmed both updates through the offset, so nothing stays queued.
    await tg.waitFor(() => tg.pendingUpdates().length === 0);
  });
});
