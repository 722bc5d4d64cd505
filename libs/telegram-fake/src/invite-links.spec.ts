import { TelegramFakeServer } from './telegram-fake.server';
import { callBotApi, okResult } from './testing/call-api';
import type { ChatInviteLink, Update } from './types';

describe('invite links and join requests', () => {
  let tg: TelegramFakeServer;
  let token: string;
  let chatId: number;
  const api = (method: string, params: Record<string, unknown>) =>
    callBotApi(tg.url, token, method, params);
  const createLink = (params: Record<string, unknown> = {}) =>
    okResult<ChatInviteLink>(tg.url, token, 'createChatInviteLink', { chat_id: chatId, ...params });

  beforeEach(async () => {
    tg = await TelegramFakeServer.start();
    token = tg.createBot().token;
    chatId = tg.createChat({ type: 'supergroup', title: 'Paid group' }).id;
    tg.setBotRights(chatId, token, { can_invite_users: true, can_restrict_members: true });
  });

  afterEach(() => tg.stop());

  it('member_limit counts current members and a member who leaves frees the slot', async () => {
    const link = await createLink({ member_limit: 1 });
    const [ann, bob] = [tg.createUser(), tg.createUser()];

    expect(tg.openInviteLink(ann.id, link.invite_link)).toMatchObject({
      ok: true,
      outcome: 'joined',
    });
    expect(tg.openInviteLink(bob.id, link.invite_link)).toEqual({
      ok: false,
      error_code: 400,
      description: 'Bad Request: INVITE_HASH_EXPIRED',
    });

    tg.leaveChat(ann.id, chatId);

    expect(tg.openInviteLink(bob.id, link.invite_link)).toMatchObject({
      ok: true,
      outcome: 'joined',
    });
    expect(tg.chatMember(chatId, bob.id).status).toBe('member');
  });

  it('refuses expired and revoked links and unknown hashes', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expiring = await createLink({ expire_date: now + 60 });
    const revoked = await createLink();
    await okResult(tg.url, token, 'revokeChatInviteLink', {
      chat_id: chatId,
      invite_link: revoked.invite_link,
    });
    const user = tg.createUser();

    tg.advanceTime(61);

    expect(tg.openInviteLink(user.id, expiring.invite_link)).toMatchObject({
      ok: false,
      description: 'Bad Request: INVITE_HASH_EXPIRED',
    });
    expect(tg.openInviteLink(user.id, revoked.invite_link)).toMatchObject({
      ok: false,
      description: 'Bad Request: INVITE_HASH_EXPIRED',
    });
    expect(tg.openInviteLink(user.id, 'https://t.me/+doesNotExist000')).toMatchObject({
      ok: false,
      description: 'Bad Request: INVITE_HASH_INVALID',
    });
    expect(
      tg.inviteLinks(chatId).find((l) => l.invite_link === revoked.invite_link)?.is_revoked,
    ).toBe(true);
  });

  it('refuses a member who is already in the chat', async () => {
    const link = await createLink();
    const user = tg.createUser();
    tg.openInviteLink(user.id, link.invite_link);
    expect(tg.openInviteLink(user.id, link.invite_link)).toMatchObject({
      ok: false,
      description: 'Bad Request: USER_ALREADY_PARTICIPANT',
    });
  });

  it('a join via link produces chat_member (when allowed) with the invite link, and a new_chat_members message', async () => {
    await api('getUpdates', { allowed_updates: ['message', 'chat_member', 'chat_join_request'] });
    const link = await createLink({ name: 'order-7' });
    const user = tg.createUser({ first_name: 'Ann' });

    tg.openInviteLink(user.id, link.invite_link);

    const updates = await okResult<Update[]>(tg.url, token, 'getUpdates', {});
    expect(updates.map((u) => Object.keys(u).filter((k) => k !== 'update_id')[0])).toEqual([
      'chat_member',
      'message',
    ]);
    expect(updates[0].chat_member).toMatchObject({
      chat: { id: chatId, type: 'supergroup' },
      from: { id: user.id },
      old_chat_member: { status: 'left', user: { id: user.id } },
      new_chat_member: { status: 'member', user: { id: user.id } },
      invite_link: { invite_link: link.invite_link, name: 'order-7' },
    });
    expect(updates[1].message).toMatchObject({
      new_chat_members: [{ id: user.id }],
      from: { id: user.id },
    });
  });

  it('join-request links create chat_join_request updates; approve adds the user, decline does not', async () => {
    await api('getUpdates', { allowed_updates: ['chat_member', 'chat_join_request'] });
    const link = await createLink({ creates_join_request: true });
    const [ann, bob] = [tg.createUser(), tg.createUser()];

    const result = tg.openInviteLink(ann.id, link.invite_link);
    tg.openInviteLink(bob.id, link.invite_link);

    expect(result).toMatchObject({ ok: true, outcome: 'join_request', alreadyPending: false });
    expect(tg.chatMember(chatId, ann.id).status).toBe('left');
    const requests = await okResult<Update[]>(tg.url, token, 'getUpdates', {});
    expect(requests[0].chat_join_request).toMatchObject({
      chat: { id: chatId },
      from: { id: ann.id },
      user_chat_id: ann.id,
      invite_link: { invite_link: link.invite_link, creates_join_request: true },
    });
    // The requester may be messaged for 5 minutes without having started the bot.
    expect(
      (await api('sendMessage', { chat_id: ann.id, text: 'Hi, checking your request' })).body.ok,
    ).toBe(true);

    expect(
      (await api('approveChatJoinRequest', { chat_id: chatId, user_id: ann.id })).body,
    ).toEqual({ ok: true, result: true });
    expect(
      (await api('declineChatJoinRequest', { chat_id: chatId, user_id: bob.id })).body.ok,
    ).toBe(true);

    expect(tg.chatMember(chatId, ann.id).status).toBe('member');
    expect(tg.chatMember(chatId, bob.id).status).toBe('left');
    const after = await okResult<Update[]>(tg.url, token, 'getUpdates', {
      offset: requests.at(-1)!.update_id + 1,
    });
    expect(after.map((u) => u.chat_member?.new_chat_member.user.id)).toEqual([ann.id]);
    expect(after[0].chat_member).toMatchObject({
      via_join_request: true,
      invite_link: { invite_link: link.invite_link },
    });
  });

  it('answers Telegram errors for join requests that do not exist or were already handled', async () => {
    const link = await createLink({ creates_join_request: true });
    const [ann, bob] = [tg.createUser(), tg.createUser()];
    tg.openInviteLink(ann.id, link.invite_link);
    await api('approveChatJoinRequest', { chat_id: chatId, user_id: ann.id });

    expect(
      (await api('approveChatJoinRequest', { chat_id: chatId, user_id: ann.id })).body,
    ).toMatchObject({
      error_code: 400,
      description: 'Bad Request: USER_ALREADY_PARTICIPANT',
    });
    expect(
      (await api('declineChatJoinRequest', { chat_id: chatId, user_id: bob.id })).body,
    ).toMatchObject({
      error_code: 400,
      description: 'Bad Request: HIDE_REQUESTER_MISSING',
    });
    expect(
      (await api('approveChatJoinRequest', { chat_id: chatId, user_id: 999 })).body,
    ).toMatchObject({
      description: 'Bad Request: user not found',
    });
  });

  it('refuses creates_join_request together with member_limit', async () => {
    const res = await api('createChatInviteLink', {
      chat_id: chatId,
      creates_join_request: true,
      member_limit: 5,
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      ok: false,
      description:
        "Bad Request: member limit can't be specified for links requiring administrator approval",
    });
  });

  it('needs can_invite_users: admins without it and plain members get "not enough rights"', async () => {
    const expected = {
      ok: false,
      error_code: 400,
      description: 'Bad Request: not enough rights to manage chat invite link',
    };
    tg.setBotRights(chatId, token, { can_invite_users: false });
    expect((await api('createChatInviteLink', { chat_id: chatId })).body).toEqual(expected);
    tg.setBotRights(chatId, token, 'member');
    expect((await api('createChatInviteLink', { chat_id: chatId })).body).toEqual(expected);
    expect(
      (await api('approveChatJoinRequest', { chat_id: chatId, user_id: tg.createUser().id })).body,
    ).toMatchObject({
      description: 'Bad Request: not enough rights to manage chat join requests',
    });
    tg.setBotRights(chatId, token, 'left');
    expect((await api('createChatInviteLink', { chat_id: chatId })).body).toMatchObject({
      description: 'Bad Request: chat not found',
    });
  });

  it('edits reset omitted fields, as the Bot API does', async () => {
    const link = await createLink({ name: 'a', member_limit: 3 });
    const edited = await okResult<ChatInviteLink>(tg.url, token, 'editChatInviteLink', {
      chat_id: chatId,
      invite_link: link.invite_link,
      name: 'b',
    });
    expect(edited).toMatchObject({ invite_link: link.invite_link, name: 'b' });
    expect(edited.member_limit).toBeUndefined();
  });

  it('subscription links are channel-only and make members with an until_date', async () => {
    const channel = tg.createChat({ type: 'channel', title: 'Premium' }).id;
    tg.setBotRights(channel, token, { can_invite_users: true });
    const link = await okResult<ChatInviteLink>(tg.url, token, 'createChatSubscriptionInviteLink', {
      chat_id: channel,
      subscription_period: 2592000,
      subscription_price: 250,
    });
    expect(link).toMatchObject({ subscription_period: 2592000, subscription_price: 250 });

    const joined = tg.openInviteLink(tg.createUser().id, link.invite_link);
    expect(joined).toMatchObject({
      ok: true,
      member: { status: 'member', until_date: expect.any(Number) },
    });
    expect(
      (
        await api('createChatSubscriptionInviteLink', {
          chat_id: chatId,
          subscription_period: 2592000,
          subscription_price: 1,
        })
      ).body.ok,
    ).toBe(false);
  });
});
