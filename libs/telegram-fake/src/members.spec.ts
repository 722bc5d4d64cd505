import { TelegramFakeServer } from './telegram-fake.server';
import { callBotApi, okResult } from './testing/call-api';
import type { ChatInviteLink, ChatMember, Update } from './types';

describe('members, bans, rights and private chats', () => {
  let tg: TelegramFakeServer;
  let token: string;
  let chatId: number;
  let ownerId: number;
  const api = (method: string, params: Record<string, unknown>) =>
    callBotApi(tg.url, token, method, params);

  beforeEach(async () => {
    tg = await TelegramFakeServer.start();
    token = tg.createBot().token;
    ({ id: chatId, ownerId } = tg.createChat({ type: 'supergroup' }));
    tg.setBotRights(chatId, token, { can_invite_users: true, can_restrict_members: true });
  });

  afterEach(() => tg.stop());

  describe('banChatMember / unbanChatMember', () => {
    it('a banned user is kicked and cannot join until unbanned', async () => {
      const user = tg.createUser();
      tg.addMember(chatId, user.id);
      const link = await okResult<ChatInviteLink>(tg.url, token, 'createChatInviteLink', {
        chat_id: chatId,
      });

      expect((await api('banChatMember', { chat_id: chatId, user_id: user.id })).body).toEqual({
        ok: true,
        result: true,
      });

      expect(tg.chatMember(chatId, user.id)).toMatchObject({ status: 'kicked', until_date: 0 });
      expect(tg.openInviteLink(user.id, link.invite_link)).toMatchObject({
        ok: false,
        description: 'Bad Request: CHANNEL_PRIVATE',
      });

      await api('unbanChatMember', { chat_id: chatId, user_id: user.id, only_if_banned: true });
      expect(tg.chatMember(chatId, user.id).status).toBe('left');
      expect(tg.openInviteLink(user.id, link.invite_link)).toMatchObject({
        ok: true,
        outcome: 'joined',
      });
    });

    it('only_if_banned leaves a current member alone; without it the member is removed', async () => {
      const user = tg.createUser();
      tg.addMember(chatId, user.id);

      await api('unbanChatMember', { chat_id: chatId, user_id: user.id, only_if_banned: true });
      expect(tg.chatMember(chatId, user.id).status).toBe('member');

      await api('unbanChatMember', { chat_id: chatId, user_id: user.id });
      expect(tg.chatMember(chatId, user.id).status).toBe('left');
    });

    it('a ban frees the invite-link slot', async () => {
      const link = await okResult<ChatInviteLink>(tg.url, token, 'createChatInviteLink', {
        chat_id: chatId,
        member_limit: 1,
      });
      const [ann, bob] = [tg.createUser(), tg.createUser()];
      tg.openInviteLink(ann.id, link.invite_link);
      await api('banChatMember', { chat_id: chatId, user_id: ann.id });
      expect(tg.openInviteLink(bob.id, link.invite_link)).toMatchObject({ ok: true });
    });

    it('temporary bans expire with Telegram time', async () => {
      const user = tg.createUser();
      const until = Math.floor(Date.now() / 1000) + 3600;
      await api('banChatMember', { chat_id: chatId, user_id: user.id, until_date: until });
      expect(tg.chatMember(chatId, user.id)).toMatchObject({ status: 'kicked', until_date: until });
      tg.advanceTime(3601);
      expect(tg.chatMember(chatId, user.id).status).toBe('left');
    });

    it('needs can_restrict_members, and refuses owners and admins', async () => {
      const user = tg.createUser();
      const admin = tg.createUser();
      tg.addMember(chatId, admin.id, 'administrator');

      expect(
        (await api('banChatMember', { chat_id: chatId, user_id: ownerId })).body,
      ).toMatchObject({ description: "Bad Request: can't remove chat owner" });
      expect(
        (await api('banChatMember', { chat_id: chatId, user_id: admin.id })).body,
      ).toMatchObject({ description: 'Bad Request: user is an administrator of the chat' });

      tg.setBotRights(chatId, token, { can_restrict_members: false });
      const denied = {
        ok: false,
        error_code: 400,
        description: 'Bad Request: not enough rights to restrict/unrestrict chat member',
      };
      expect((await api('banChatMember', { chat_id: chatId, user_id: user.id })).body).toEqual(
        denied,
      );
      expect((await api('unbanChatMember', { chat_id: chatId, user_id: user.id })).body).toEqual(
        denied,
      );
      expect((await api('banChatMember', { chat_id: chatId, user_id: 12345 })).body).toEqual(
        denied,
      );
    });

    it('reports unknown users as "user not found"', async () => {
      expect((await api('banChatMember', { chat_id: chatId, user_id: 12345 })).body).toMatchObject({
        description: 'Bad Request: user not found',
      });
      expect((await api('getChatMember', { chat_id: chatId, user_id: 12345 })).body).toMatchObject({
        description: 'Bad Request: user not found',
      });
    });
  });

  describe('getChat / getChatMember / getChatAdministrators', () => {
    it('returns Telegram-shaped objects', async () => {
      const user = tg.createUser();
      const chat = await okResult<Record<string, unknown>>(tg.url, token, 'getChat', {
        chat_id: chatId,
      });
      expect(chat).toMatchObject({
        id: chatId,
        type: 'supergroup',
        accent_color_id: expect.any(Number),
      });
      expect(
        await okResult(tg.url, token, 'getChatMember', { chat_id: chatId, user_id: user.id }),
      ).toEqual({
        status: 'left',
        user,
      });
      const admins = await okResult<ChatMember[]>(tg.url, token, 'getChatAdministrators', {
        chat_id: chatId,
      });
      expect(admins.map((a) => a.status).sort()).toEqual(['administrator', 'creator']);
      const me = admins.find((a) => a.user.is_bot);
      expect(me).toMatchObject({
        status: 'administrator',
        can_invite_users: true,
        can_restrict_members: true,
        can_be_edited: false,
        can_manage_topics: true,
      });
    });

    it('answers "chat not found" for unknown chats and chats the bot is not in', async () => {
      expect((await api('getChat', { chat_id: -100123 })).body).toMatchObject({
        error_code: 400,
        description: 'Bad Request: chat not found',
      });
      const other = tg.createChat({ type: 'supergroup' }).id;
      expect((await api('getChat', { chat_id: other })).body).toMatchObject({
        description: 'Bad Request: chat not found',
      });
    });
  });

  describe('private chats', () => {
    it('refuses to write first: the user must have started the bot', async () => {
      const user = tg.createUser();
      expect((await api('sendMessage', { chat_id: user.id, text: 'hi' })).body).toEqual({
        ok: false,
        error_code: 403,
        description: "Forbidden: bot can't initiate conversation with a user",
      });
      tg.startBot(user.id);
      expect((await api('sendMessage', { chat_id: user.id, text: 'hi' })).body.ok).toBe(true);
    });

    it('a user who blocked the bot makes sends fail with 403 and produces my_chat_member', async () => {
      const user = tg.createUser();
      tg.startBot(user.id);
      tg.blockBot(user.id);

      const res = await api('sendMessage', { chat_id: user.id, text: 'renewal reminder' });
      expect(res.status).toBe(403);
      expect(res.body).toEqual({
        ok: false,
        error_code: 403,
        description: 'Forbidden: bot was blocked by the user',
      });
      const updates = await okResult<Update[]>(tg.url, token, 'getUpdates', {});
      expect(updates.at(-1)?.my_chat_member).toMatchObject({
        chat: { id: user.id, type: 'private' },
        old_chat_member: { status: 'member' },
        new_chat_member: { status: 'kicked', until_date: 0 },
      });

      tg.unblockBot(user.id);
      expect((await api('sendMessage', { chat_id: user.id, text: 'welcome back' })).body.ok).toBe(
        true,
      );
    });

    it('refuses messages to other bots', async () => {
      const other = tg.createBot();
      expect((await api('sendMessage', { chat_id: other.id, text: 'hi' })).body).toMatchObject({
        description: "Forbidden: bot can't send messages to bots",
      });
    });
  });

  describe('the bot losing its rights', () => {
    it('sends my_chat_member with old and new ChatMember when demoted or removed', async () => {
      tg.demoteBot(chatId);
      tg.removeBot(chatId);
      const updates = await okResult<Update[]>(tg.url, token, 'getUpdates', {});
      const changes = updates.filter((u) => u.my_chat_member).map((u) => u.my_chat_member!);
      expect(changes.map((c) => [c.old_chat_member.status, c.new_chat_member.status])).toEqual([
        ['administrator', 'member'],
        ['member', 'left'],
      ]);
      expect(changes[0].old_chat_member).toMatchObject({ can_invite_users: true });
      expect(changes[0].from.id).toBe(ownerId);
      expect(
        (await api('sendMessage', { chat_id: chatId, text: 'still here?' })).body,
      ).toMatchObject({
        error_code: 403,
        description: 'Forbidden: bot is not a member of the supergroup chat',
      });
    });

    it('a kicked bot gets "bot was kicked"', async () => {
      tg.removeBot(chatId, { ban: true });
      expect((await api('sendMessage', { chat_id: chatId, text: 'hi' })).body).toMatchObject({
        description: 'Forbidden: bot was kicked from the supergroup chat',
      });
    });

    it('channel posts need can_post_messages', async () => {
      const channel = tg.createChat({ type: 'channel' }).id;
      tg.setBotRights(channel, token, { can_post_messages: false });
      expect((await api('sendMessage', { chat_id: channel, text: 'news' })).body).toMatchObject({
        description: 'Bad Request: need administrator rights in the channel chat',
      });
      tg.setBotRights(channel, token, {});
      const post = await okResult<Record<string, unknown>>(tg.url, token, 'sendMessage', {
        chat_id: channel,
        text: 'news',
      });
      expect(post).toMatchObject({ sender_chat: { id: channel, type: 'channel' }, text: 'news' });
      expect(post.from).toBeUndefined();
    });
  });
});
