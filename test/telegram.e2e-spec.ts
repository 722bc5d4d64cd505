import { TelegramFakeServer } from '@app/telegram-fake';
import { Injectable, Module } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { StartPayloadRegistry } from '../src/telegram/start/start-payload.registry';
import { TelegramGateway } from '../src/telegram/telegram.gateway';
import {
  BotMembershipChangedEvent,
  JoinRequestedEvent,
  TelegramEvents,
} from '../src/telegram/telegram.events';
import { UpdateGates } from '../src/telegram/updates/update-gate';
import { webhookPathSegment } from '../src/telegram/webhook/webhook-path';
import { createTelegramTestApp, TelegramTestApp } from './support/telegram-fake';

/** Records the bot module's events; fails the first join request to prove re-delivery. */
@Injectable()
class EventProbe {
  readonly joinRequests: JoinRequestedEvent[] = [];
  readonly botMemberships: BotMembershipChangedEvent[] = [];
  failNextJoinRequest = false;

  @OnEvent(TelegramEvents.JoinRequested, { suppressErrors: false })
  onJoinRequest(event: JoinRequestedEvent): void {
    if (this.failNextJoinRequest) {
      this.failNextJoinRequest = false;
      throw new Error('listener failed once');
    }
    this.joinRequests.push(event);
  }

  @OnEvent(TelegramEvents.BotMembershipChanged, { suppressErrors: false })
  onBotMembership(event: BotMembershipChangedEvent): void {
    this.botMemberships.push(event);
  }
}

@Module({ providers: [EventProbe] })
class EventProbeModule {}

describe('Telegram bot in webhook mode', () => {
  let tg: TelegramFakeServer;
  let t: TelegramTestApp;
  let probe: EventProbe;

  beforeAll(async () => {
    tg = await TelegramFakeServer.start();
    t = await createTelegramTestApp({ tg, mode: 'webhook', extraImports: [EventProbeModule] });
    probe = t.app.get(EventProbe);
    t.app
      .get(StartPayloadRegistry)
      // `ref` has no handler in the product yet (referrals come later), so the test can own it.
      .register('ref', (request) => request.reply(`Referred by ${request.payload.code}`));
  });
  afterAll(async () => {
    await t.close();
    await tg.stop();
  });

  it('registers its webhook with the secret token and the update types it handles', () => {
    const call = tg.lastCall('setWebhook');
    expect(call?.ok).toBe(true);
    expect(call?.params).toMatchObject({
      url: `${t.config.publicUrl}/webhooks/telegram/${webhookPathSegment(t.webhookSecret)}`,
      secret_token: t.webhookSecret,
      allowed_updates: [
        'message',
        'callback_query',
        'chat_member',
        'my_chat_member',
        'chat_join_request',
        'pre_checkout_query',
      ],
    });
    expect(String(call?.params.url)).not.toContain(t.botToken);
    expect(tg.botCommands({ bot: t.botToken }).map((c) => c.command)).toEqual([
      'start',
      'access',
      'help',
    ]);
  });

  it('knows who the bot is after boot', () => {
    const bot = tg.core.bot(t.botToken);
    expect(t.app.get(TelegramGateway).botInfo).toEqual({
      id: bot.id,
      username: bot.user.username,
    });
  });

  it('answers /start through the webhook with the welcome text', async () => {
    const user = tg.createUser({ first_name: 'Ann' });
    tg.startBot(user.id, { bot: t.botToken });
    const reply = await tg.waitForMessage({ chatId: user.id, text: /^Welcome to @mg_/ });
    expect(reply.text).toContain('/help');
    const delivery = await tg.waitFor(() =>
      tg.webhookDeliveries({ bot: t.botToken }).find((d) => d.update.message?.from?.id === user.id),
    );
    expect(delivery.status).toBe(200);
  });

  it('hands a deep link to the handler registered for its kind', async () => {
    const user = tg.createUser();
    tg.startBot(user.id, { bot: t.botToken, payload: 'ref_abc123' });
    await tg.waitForMessage({ chatId: user.id, text: 'Referred by abc123' });
  });

  it('greets an unknown deep link with the welcome text', async () => {
    const user = tg.createUser();
    tg.startBot(user.id, { bot: t.botToken, payload: 'coupon_nobody-handles-this' });
    await tg.waitForMessage({ chatId: user.id, text: /^Welcome to/ });
  });

  it('answers /help', async () => {
    const user = tg.createUser();
    tg.sendCommand(user.id, 'help', { bot: t.botToken });
    await tg.waitForMessage({ chatId: user.id, text: /^How it works/ });
  });

  it('refuses a wrong secret token with 401 and does not handle the update', async () => {
    const user = tg.createUser();
    const path = `/webhooks/telegram/${webhookPathSegment(t.webhookSecret)}`;
    const update = helpUpdate(user.id);
    const res = await t
      .http()
      .post(path)
      .set('X-Telegram-Bot-Api-Secret-Token', 'not-the-secret-token')
      .send(update)
      .expect(401);
    expect(res.body.error).toMatchObject({ code: 'TELEGRAM_WEBHOOK_UNAUTHORIZED' });
    const missing = await t.http().post(path).send(update).expect(401);
    expect(missing.body.error.code).toBe('TELEGRAM_WEBHOOK_UNAUTHORIZED');
    // Handling finishes before the answer, so a handled update would already have replied.
    expect(tg.messagesTo(user.id)).toEqual([]);
  });

  it('refuses the right secret on a wrong path', async () => {
    const user = tg.createUser();
    await t
      .http()
      .post('/webhooks/telegram/not-the-path')
      .set('X-Telegram-Bot-Api-Secret-Token', t.webhookSecret)
      .send(helpUpdate(user.id))
      .expect(401);
    expect(tg.messagesTo(user.id)).toEqual([]);
  });

  describe('a body that is not an update', () => {
    const post = () =>
      t
        .http()
        .post(`/webhooks/telegram/${webhookPathSegment(t.webhookSecret)}`)
        .set('X-Telegram-Bot-Api-Secret-Token', t.webhookSecret);

    it('answers broken JSON with 400 INVALID_JSON', async () => {
      const res = await post()
        .set('Content-Type', 'application/json')
        .send('{"update_id": 1,')
        .expect(400);
      expect(res.body.error).toEqual({
        code: 'INVALID_JSON',
        message: 'Request body is not valid JSON',
      });
    });

    it('answers JSON without an update_id with 400 TELEGRAM_UPDATE_INVALID', async () => {
      const res = await post()
        .send({ message: { text: '/help' } })
        .expect(400);
      expect(res.body.error.code).toBe('TELEGRAM_UPDATE_INVALID');
    });

    it('answers a body over 1 MB with 413 PAYLOAD_TOO_LARGE', async () => {
      const text = 'x'.repeat(1_100_000);
      const res = await post().send({ update_id: 1, message: { text } }).expect(413);
      expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('checks the secret before reading the body', async () => {
      const res = await t
        .http()
        .post(`/webhooks/telegram/${webhookPathSegment(t.webhookSecret)}`)
        .set('Content-Type', 'application/json')
        .send('not json at all')
        .expect(401);
      expect(res.body.error.code).toBe('TELEGRAM_WEBHOOK_UNAUTHORIZED');
    });
  });

  it('serves the webhook for POST only: other methods get the API 404', async () => {
    const res = await t
      .http()
      .get(`/webhooks/telegram/${webhookPathSegment(t.webhookSecret)}`)
      .set('X-Telegram-Bot-Api-Secret-Token', t.webhookSecret)
      .expect(404);
    expect(res.body.error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('handles a direct POST with the right secret and path, answering 200 after the reply', async () => {
    const user = tg.createUser();
    tg.startBot(user.id, { bot: t.botToken });
    await tg.waitForMessage({ chatId: user.id, text: /^Welcome/ });
    await t
      .http()
      .post(`/webhooks/telegram/${webhookPathSegment(t.webhookSecret)}`)
      .set('X-Telegram-Bot-Api-Secret-Token', t.webhookSecret)
      .send(helpUpdate(user.id))
      .expect(200);
    expect(tg.messagesTo(user.id).map((m) => m.text?.slice(0, 12))).toEqual([
      'Welcome to @',
      'How it works',
    ]);
  });

  it('emits JoinRequested, and a failing listener makes Telegram deliver the update again', async () => {
    const chat = tg.createChat({ type: 'supergroup', title: 'VIP join requests' });
    tg.setBotRights(chat.id, t.botToken, { can_invite_users: true });
    const link = await t.app
      .get(TelegramGateway)
      .api()
      .createChatInviteLink(chat.id, { creates_join_request: true });
    const user = tg.createUser();
    probe.failNextJoinRequest = true;

    tg.openInviteLink(user.id, link.invite_link);
    await tg.waitFor(() => probe.joinRequests.find((e) => e.userId === user.id));

    expect(probe.joinRequests.filter((e) => e.userId === user.id)).toEqual([
      expect.objectContaining({
        chatId: chat.id,
        userChatId: user.id,
        inviteLink: link.invite_link,
      }),
    ]);
    // The fake records a delivery's status once our answer arrives, just after the listeners ran.
    const statuses = () =>
      tg
        .webhookDeliveries({ bot: t.botToken })
        .filter((d) => d.update.chat_join_request?.from.id === user.id)
        .map((d) => d.status);
    await tg.waitFor(() => statuses().includes(200));
    expect(statuses()).toEqual([500, 200]);
  });

  it('emits BotMembershipChanged when the bot is promoted in a channel', async () => {
    const chat = tg.createChat({ type: 'channel', title: 'Signals' });
    tg.changeBotMembership(
      chat.id,
      { can_invite_users: true, can_restrict_members: true },
      {
        bot: t.botToken,
      },
    );
    const event = await tg.waitFor(() => probe.botMemberships.find((e) => e.chatId === chat.id));
    expect(event).toMatchObject({
      chatTitle: 'Signals',
      status: 'administrator',
      canInviteUsers: true,
      canRestrictMembers: true,
    });
  });

  it('drops updates a registered gate refuses, acknowledging them to Telegram', async () => {
    const banned = tg.createUser();
    t.app.get(UpdateGates).register({
      name: 'test-ban',
      allows: (update) => !('message' in update && update.message.from?.id === banned.id),
    });
    tg.startBot(banned.id, { bot: t.botToken });
    await tg.waitFor(() =>
      tg
        .webhookDeliveries({ bot: t.botToken })
        .find((d) => d.update.message?.from?.id === banned.id && d.status === 200),
    );
    expect(tg.messagesTo(banned.id)).toEqual([]);
  });
});

describe('Telegram bot lifecycle', () => {
  let tg: TelegramFakeServer;

  beforeAll(async () => {
    tg = await TelegramFakeServer.start();
  });
  afterAll(async () => {
    await tg.stop();
  });

  it('runs without a token: the gateway is off and app.close() is clean', async () => {
    const t = await createTelegramTestApp({ tg, mode: 'off' });
    const gateway = t.app.get(TelegramGateway);
    expect(gateway.enabled).toBe(false);
    expect(() => gateway.api()).toThrow(expect.objectContaining({ code: 'TELEGRAM_DISABLED' }));
    await t.http().post('/webhooks/telegram/anything').send({ update_id: 1 }).expect(404);
    await expect(t.close()).resolves.toBeUndefined();
  });

  it('closes cleanly in webhook mode, where telegraf never launched', async () => {
    const t = await createTelegramTestApp({ tg, mode: 'webhook' });
    await expect(t.close()).resolves.toBeUndefined();
  });

  it('long-polls in polling mode, and app.close() stops polling cleanly', async () => {
    const t = await createTelegramTestApp({ tg, mode: 'polling' });
    const user = tg.createUser();
    tg.startBot(user.id, { bot: t.botToken });
    await tg.waitForMessage({ chatId: user.id, text: /^Welcome/ });

    await expect(t.close()).resolves.toBeUndefined();
    tg.sendCommand(user.id, 'help', { bot: t.botToken });
    // Nobody polls any more: the update stays queued at Telegram.
    expect(tg.pendingUpdates({ bot: t.botToken })).toHaveLength(1);
  });

  it('boots and serves HTTP when getMe fails, and learns the bot later', async () => {
    const token = tg.createBot({ username: 'mg_flaky_bot' }).token;
    const fault = tg.injectFault({ method: 'getMe', token, error: { code: 502 }, times: 1 });
    const t = await createTelegramTestApp({ tg, mode: 'webhook', botToken: token });
    try {
      await t.http().get('/health/live').expect(200);
      const gateway = t.app.get(TelegramGateway);
      await tg.waitFor(() => gateway.botInfo, { timeoutMs: 5_000 });
      expect(gateway.botInfo?.username).toBe('mg_flaky_bot');
    } finally {
      tg.clearFault(fault);
      await t.close();
    }
  });
});

function helpUpdate(userId: number): Record<string, unknown> {
  return {
    update_id: 900_000_000 + Math.floor(Math.random() * 1_000_000),
    message: {
      message_id: 1,
      date: Math.floor(Date.now() / 1000),
      chat: { id: userId, type: 'private', first_name: 'X' },
      from: { id: userId, is_bot: false, first_name: 'X' },
      text: '/help',
      entities: [{ type: 'bot_command', offset: 0, length: 5 }],
    },
  };
}
