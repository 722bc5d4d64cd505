import { TelegramFakeServer } from '@app/telegram-fake';
import { Injectable, Module } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import { ChannelEvents, ChannelRightsLostEvent } from '../src/channels/channel.events';
import { ChannelMemberCounts } from '../src/channels/channel-member-counts';
import { TelegramEvents, BotMembershipChangedEvent } from '../src/telegram/telegram.events';
import { connectChannel, createBotChat, FULL_BOT_RIGHTS } from './factories/channel.factory';
import { asSeller, createSeller, TestSeller } from './factories/seller.factory';
import { createTelegramTestApp, TelegramTestApp } from './support/telegram-fake';

/** Records every channel.rights_lost the app announces. */
@Injectable()
class RightsLostProbe {
  readonly events: ChannelRightsLostEvent[] = [];

  @OnEvent(ChannelEvents.RightsLost)
  onRightsLost(event: ChannelRightsLostEvent): void {
    this.events.push(event);
  }

  for(channelId: string): ChannelRightsLostEvent[] {
    return this.events.filter((e) => e.channelId === channelId);
  }
}

@Module({ providers: [RightsLostProbe] })
class RightsLostProbeModule {}

describe('Channels against the fake Telegram', () => {
  let tg: TelegramFakeServer;
  let t: TelegramTestApp;
  let probe: RightsLostProbe;
  let seller: TestSeller;

  beforeAll(async () => {
    tg = await TelegramFakeServer.start();
    t = await createTelegramTestApp({ tg, mode: 'webhook', extraImports: [RightsLostProbeModule] });
    probe = t.app.get(RightsLostProbe);
    seller = await createSeller(t);
  });
  afterAll(async () => {
    await t.close();
    await tg.stop();
  });

  const connect = (as: TestSeller, body: object) =>
    asSeller(t.http().post('/api/sellers/channels'), as).send(body);
  const channelCount = () => t.connection.collection('channels').countDocuments();

  describe('connecting', () => {
    it('connects a channel where the bot is an administrator with both rights (201)', async () => {
      const chat = createBotChat(tg, t.botToken);
      const res = await connect(seller, { chatId: chat.id }).expect(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        chatId: chat.id,
        type: 'channel',
        title: chat.title,
        username: null,
        rightsLost: false,
        botStatus: 'administrator',
        missingRights: [],
        rightsCheckedAt: expect.any(String),
        activeMembers: 0,
        createdAt: expect.any(String),
      });
      expect(tg.lastCall('getChatMember')).toMatchObject({
        ok: true,
        params: { chat_id: chat.id },
      });
    });

    it('connects a public supergroup by its @username', async () => {
      const username = `vip_${Date.now().toString(36)}`;
      const chat = createBotChat(tg, t.botToken, { type: 'supergroup', username });
      const res = await connect(seller, { username: `@${username}` }).expect(201);
      expect(res.body).toMatchObject({ chatId: chat.id, type: 'supergroup', username });
    });

    it('refuses a bot without can_restrict_members, naming the missing right (422)', async () => {
      const before = await channelCount();
      const chat = createBotChat(tg, t.botToken, {
        rights: { can_invite_users: true, can_restrict_members: false },
      });
      const res = await connect(seller, { chatId: chat.id }).expect(422);
      expect(res.body.error.code).toBe('BOT_MISSING_RIGHTS');
      expect(res.body.error.details).toEqual({ missingRights: ['can_restrict_members'] });
      expect(res.body.error.message).toContain('can_restrict_members');
      expect(await channelCount()).toBe(before);
    });

    it('refuses a chat where the bot is only a member (BOT_NOT_ADMIN)', async () => {
      const chat = tg.createChat({ type: 'supergroup', title: 'Plain' });
      tg.setBotRights(chat.id, t.botToken, 'member');
      const res = await connect(seller, { chatId: chat.id }).expect(422);
      expect(res.body.error.code).toBe('BOT_NOT_ADMIN');
      expect(res.body.error.details).toMatchObject({ botStatus: 'member' });
    });

    it('refuses a chat the bot was kicked from (BOT_NOT_ADMIN)', async () => {
      const chat = createBotChat(tg, t.botToken, { type: 'supergroup' });
      tg.setBotRights(chat.id, t.botToken, 'kicked');
      const res = await connect(seller, { chatId: chat.id }).expect(422);
      expect(res.body.error.code).toBe('BOT_NOT_ADMIN');
    });

    it('answers CHAT_NOT_FOUND for a chat Telegram does not show the bot (422)', async () => {
      const unknown = await connect(seller, { chatId: -1009999999999 }).expect(422);
      expect(unknown.body.error.code).toBe('CHAT_NOT_FOUND');
      const privateWithoutBot = tg.createChat({ type: 'channel', title: 'Secret' });
      const hidden = await connect(seller, { chatId: privateWithoutBot.id }).expect(422);
      expect(hidden.body.error.code).toBe('CHAT_NOT_FOUND');
    });

    it('refuses a basic group (CHAT_TYPE_NOT_SUPPORTED)', async () => {
      const chat = createBotChat(tg, t.botToken, { type: 'group' });
      const res = await connect(seller, { chatId: chat.id }).expect(422);
      expect(res.body.error.code).toBe('CHAT_TYPE_NOT_SUPPORTED');
    });

    it('wants exactly one of chatId and username, and a negative chat id', async () => {
      for (const body of [{}, { chatId: -100123, username: '@some_name' }, { chatId: 42 }]) {
        const res = await connect(seller, body).expect(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
      }
    });

    it('lets one seller at a time hold a chat, and frees it on delete', async () => {
      const other = await createSeller(t);
      const chat = createBotChat(tg, t.botToken);
      const first = await connect(seller, { chatId: chat.id }).expect(201);
      const taken = await connect(other, { chatId: chat.id }).expect(409);
      expect(taken.body.error.code).toBe('CHANNEL_ALREADY_CONNECTED');
      await connect(seller, { chatId: chat.id }).expect(409);

      await asSeller(t.http().delete(`/api/sellers/channels/${first.body.id}`), seller).expect(204);
      await connect(other, { chatId: chat.id }).expect(201);
    });

    it('gives a chat to exactly one of two sellers connecting it at once', async () => {
      const [a, b] = await Promise.all([createSeller(t), createSeller(t)]);
      const chat = createBotChat(tg, t.botToken);
      const answers = await Promise.all([
        connect(a, { chatId: chat.id }),
        connect(b, { chatId: chat.id }),
        connect(a, { chatId: chat.id }),
      ]);
      expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      expect(
        await t.connection
          .collection('channels')
          .countDocuments({ chatId: chat.id, deletedAt: null }),
      ).toBe(1);
    });
  });

  describe('reading and deleting', () => {
    it('lists and shows the seller’s channels', async () => {
      const own = await createSeller(t);
      const one = await connectChannel(t, own, tg, t.botToken);
      const two = await connectChannel(t, own, tg, t.botToken);
      const list = await asSeller(t.http().get('/api/sellers/channels'), own).expect(200);
      expect(list.body.map((c: { id: string }) => c.id)).toEqual([one.id, two.id]);
      const detail = await asSeller(t.http().get(`/api/sellers/channels/${one.id}`), own).expect(
        200,
      );
      expect(detail.body).toMatchObject({ id: one.id, chatId: one.chatId, title: one.title });
    });

    it('soft-deletes: gone from the API, kept in the database', async () => {
      const own = await createSeller(t);
      const channel = await connectChannel(t, own, tg, t.botToken);
      await asSeller(t.http().delete(`/api/sellers/channels/${channel.id}`), own).expect(204);
      const gone = await asSeller(t.http().get(`/api/sellers/channels/${channel.id}`), own).expect(
        404,
      );
      expect(gone.body.error.code).toBe('CHANNEL_NOT_FOUND');
      expect((await asSeller(t.http().get('/api/sellers/channels'), own)).body).toEqual([]);
      await asSeller(t.http().delete(`/api/sellers/channels/${channel.id}`), own).expect(404);
      const stored = await t.connection
        .collection('channels')
        .findOne({ chatId: channel.chatId, sellerId: own.id });
      expect(stored).toMatchObject({ deletedAt: expect.any(Date), activeChatKey: /^deleted:/ });
    });

    it('answers 404 for an id that is not an id', async () => {
      await asSeller(t.http().get('/api/sellers/channels/not-an-id'), seller).expect(404);
    });

    it('shows active member counts from the registered counter (0 without one)', async () => {
      const own = await createSeller(t);
      const channel = await connectChannel(t, own, tg, t.botToken);
      t.app.get(ChannelMemberCounts).use({
        countActive: ({ channelIds }) =>
          Promise.resolve(new Map(channelIds.map((id) => [id, id === channel.id ? 7 : 0]))),
      });
      try {
        const res = await asSeller(t.http().get(`/api/sellers/channels/${channel.id}`), own);
        expect(res.body.activeMembers).toBe(7);
        const list = await asSeller(t.http().get('/api/sellers/channels'), own);
        expect(list.body[0].activeMembers).toBe(7);
      } finally {
        t.app.get(ChannelMemberCounts).use({ countActive: () => Promise.resolve(new Map()) });
      }
    });
  });

  describe('rights lost and regained', () => {
    const getChannel = (id: string) =>
      asSeller(t.http().get(`/api/sellers/channels/${id}`), seller).expect(200);

    it('flags the channel when the BotMembershipChanged event says a right is gone', async () => {
      const channel = await connectChannel(t, seller, tg, t.botToken);
      const event: BotMembershipChangedEvent = {
        chatId: channel.chatId,
        status: 'administrator',
        canInviteUsers: true,
        canRestrictMembers: false,
        at: new Date(),
      };
      await t.app.get(EventEmitter2).emitAsync(TelegramEvents.BotMembershipChanged, event);
      const res = await getChannel(channel.id);
      expect(res.body).toMatchObject({
        rightsLost: true,
        missingRights: ['can_restrict_members'],
        botStatus: 'administrator',
      });
      expect(probe.for(channel.id)).toEqual([
        expect.objectContaining({
          sellerId: seller.id,
          chatId: channel.chatId,
          missingRights: ['can_restrict_members'],
        }),
      ]);
    });

    it('flags the channel when Telegram reports the bot demoted, and announces it once', async () => {
      const channel = await connectChannel(t, seller, tg, t.botToken);
      tg.demoteBot(channel.chatId, { bot: t.botToken });
      await tg.waitFor(() => probe.for(channel.id).length > 0);
      const res = await getChannel(channel.id);
      expect(res.body).toMatchObject({ rightsLost: true, botStatus: 'member' });

      // Being removed afterwards is the same loss: no second announcement.
      tg.removeBot(channel.chatId, { bot: t.botToken });
      await tg.waitFor(() =>
        tg
          .webhookDeliveries({ bot: t.botToken })
          .find(
            (d) => d.update.my_chat_member?.new_chat_member.status === 'left' && d.status === 200,
          ),
      );
      expect((await getChannel(channel.id)).body.botStatus).toBe('left');
      expect(probe.for(channel.id)).toHaveLength(1);
    });

    it('clears the flag when Telegram reports the rights restored, and announces a new loss', async () => {
      const channel = await connectChannel(t, seller, tg, t.botToken);
      tg.demoteBot(channel.chatId, { bot: t.botToken });
      await tg.waitFor(() => probe.for(channel.id).length === 1);
      tg.changeBotMembership(channel.chatId, FULL_BOT_RIGHTS, { bot: t.botToken });
      await tg.waitFor(() =>
        tg
          .webhookDeliveries({ bot: t.botToken })
          .find(
            (d) =>
              d.update.my_chat_member?.chat.id === channel.chatId &&
              d.update.my_chat_member.new_chat_member.status === 'administrator' &&
              d.status === 200,
          ),
      );
      expect((await getChannel(channel.id)).body).toMatchObject({
        rightsLost: false,
        missingRights: [],
      });
      tg.demoteBot(channel.chatId, { bot: t.botToken });
      await tg.waitFor(() => probe.for(channel.id).length === 2);
    });

    it('rechecks through Telegram on POST /:id/recheck', async () => {
      const channel = await connectChannel(t, seller, tg, t.botToken);
      tg.setBotRights(channel.chatId, t.botToken, {
        can_invite_users: false,
        can_restrict_members: true,
      });
      const lost = await asSeller(
        t.http().post(`/api/sellers/channels/${channel.id}/recheck`),
        seller,
      ).expect(200);
      expect(lost.body).toMatchObject({ rightsLost: true, missingRights: ['can_invite_users'] });
      await asSeller(t.http().post(`/api/sellers/channels/${channel.id}/recheck`), seller).expect(
        200,
      );
      expect(probe.for(channel.id)).toHaveLength(1);

      tg.setBotRights(channel.chatId, t.botToken, FULL_BOT_RIGHTS);
      const back = await asSeller(
        t.http().post(`/api/sellers/channels/${channel.id}/recheck`),
        seller,
      ).expect(200);
      expect(back.body).toMatchObject({ rightsLost: false, missingRights: [] });
    });

    it('reports a chat the bot was removed from as lost on recheck', async () => {
      const channel = await connectChannel(t, seller, tg, t.botToken);
      tg.setBotRights(channel.chatId, t.botToken, 'kicked');
      const res = await asSeller(
        t.http().post(`/api/sellers/channels/${channel.id}/recheck`),
        seller,
      ).expect(200);
      expect(res.body).toMatchObject({
        rightsLost: true,
        botStatus: 'kicked',
        missingRights: ['can_invite_users', 'can_restrict_members'],
      });
    });
  });
});

describe('Channels with the bot switched off', () => {
  let tg: TelegramFakeServer;
  let t: TelegramTestApp;

  beforeAll(async () => {
    tg = await TelegramFakeServer.start();
    t = await createTelegramTestApp({ tg, mode: 'off' });
  });
  afterAll(async () => {
    await t.close();
    await tg.stop();
  });

  it('answers 503 TELEGRAM_DISABLED and stores nothing', async () => {
    const seller = await createSeller(t);
    const res = await asSeller(t.http().post('/api/sellers/channels'), seller)
      .send({ chatId: -1001234567890 })
      .expect(503);
    expect(res.body.error.code).toBe('TELEGRAM_DISABLED');
    expect(await t.connection.collection('channels').countDocuments()).toBe(0);
  });
});
