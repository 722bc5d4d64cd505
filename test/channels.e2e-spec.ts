import { TelegramFakeServer } from '@app/telegram-fake';
import { ChannelMemberCounts } from '../src/channels/channel-member-counts';
import { connectChannel, createBotChat } from './factories/channel.factory';
import { asSeller, createSeller, TestSeller } from './factories/seller.factory';
import { createTelegramTestApp, TelegramTestApp } from './support/telegram-fake';

describe('Channels against the fake Telegram', () => {
  let tg: TelegramFakeServer;
  let t: TelegramTestApp;
  let seller: TestSeller;

  beforeAll(async () => {
    tg = await TelegramFakeServer.start();
    t = await createTelegramTestApp({ tg, mode: 'webhook' });
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
});
