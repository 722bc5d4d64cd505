import { TelegramFakeServer } from './telegram-fake.server';
import { callBotApi, okResult } from './testing/call-api';
import type { ChatInviteLink, ChatMemberUpdated, Update } from './types';

const PERIOD = 2_592_000;

describe('Star subscription links of channels', () => {
  let tg: TelegramFakeServer;
  let token: string;
  let channelId: number;
  const api = (method: string, params: Record<string, unknown>) =>
    callBotApi(tg.url, token, method, params);
  const createSubscriptionLink = (params: Record<string, unknown> = {}) =>
    okResult<ChatInviteLink>(tg.url, token, 'createChatSubscriptionInviteLink', {
      chat_id: channelId,
      subscription_period: PERIOD,
      subscription_price: 250,
      ...params,
    });
  /** chat_member updates queued for the bot since the last call. */
  async function memberUpdates(): Promise<ChatMemberUpdated[]> {
    const updates = await okResult<Update[]>(tg.url, token, 'getUpdates', {});
    if (updates.length > 0) {
      await api('getUpdates', { offset: updates.at(-1)!.update_id + 1 });
    }
    return updates.flatMap((u) => (u.chat_member ? [u.chat_member] : []));
  }

  beforeEach(async () => {
    tg = await TelegramFakeServer.start();
    token = tg.createBot().token;
    channelId = tg.createChat({ type: 'channel', title: 'Premium' }).id;
    tg.setBotRights(channelId, token, { can_invite_users: true, can_restrict_members: true });
    await api('getUpdates', { allowed_updates: ['chat_member'] });
  });

  afterEach(() => tg.stop());

  it('creates a link only with can_invite_users, the 30-day period and a price of 1-10000 Stars', async () => {
    const refusal = async (params: Record<string, unknown>) =>
      (
        await api('createChatSubscriptionInviteLink', {
          chat_id: channelId,
          subscription_period: PERIOD,
          subscription_price: 250,
          ...params,
        })
      ).body;

    expect(await refusal({ subscription_period: 86_400 })).toMatchObject({
      ok: false,
      description: 'Bad Request: SUBSCRIPTION_PERIOD_INVALID',
    });
    expect(await refusal({ subscription_price: 0 })).toMatchObject({
      description: 'Bad Request: SUBSCRIPTION_PRICE_INVALID',
    });
    expect(await refusal({ subscription_price: 10_001 })).toMatchObject({
      description: 'Bad Request: SUBSCRIPTION_PRICE_INVALID',
    });
    expect(
      await createSubscriptionLink({ subscription_price: 10_000, name: 'sub:x' }),
    ).toMatchObject({ subscription_period: PERIOD, subscription_price: 10_000, name: 'sub:x' });

    tg.setBotRights(channelId, token, { can_invite_users: false });
    expect(await refusal({})).toMatchObject({
      ok: false,
      description: 'Bad Request: not enough rights to manage chat invite link',
    });
  });

  it('joins through the link with until_date one period ahead, announced with the link', async () => {
    const link = await createSubscriptionLink({ name: 'sub:plan' });
    const user = tg.createUser({ first_name: 'Ann' });
    const before = Math.floor(Date.now() / 1000);

    const joined = tg.subscribeViaLink(user.id, link.invite_link);

    expect(joined).toMatchObject({ ok: true, outcome: 'joined' });
    const [update] = await memberUpdates();
    expect(update).toMatchObject({
      chat: { id: channelId, type: 'channel' },
      old_chat_member: { status: 'left' },
      new_chat_member: { status: 'member', user: { id: user.id } },
      invite_link: {
        invite_link: link.invite_link,
        name: 'sub:plan',
        subscription_period: PERIOD,
        subscription_price: 250,
      },
    });
    const untilDate = (update.new_chat_member as { until_date: number }).until_date;
    expect(untilDate - before).toBeGreaterThanOrEqual(PERIOD);
    expect(untilDate - before).toBeLessThanOrEqual(PERIOD + 5);
    expect(tg.chatMember(channelId, user.id)).toMatchObject({ until_date: untilDate });
  });

  it('refuses to subscribe through an ordinary invite link', async () => {
    const ordinary = await okResult<ChatInviteLink>(tg.url, token, 'createChatInviteLink', {
      chat_id: channelId,
    });
    expect(() => tg.subscribeViaLink(tg.createUser().id, ordinary.invite_link)).toThrow(
      /not a subscription invite link/,
    );
  });

  it('a renewal moves until_date on by one period, with or without naming the link', async () => {
    const link = await createSubscriptionLink();
    const user = tg.createUser();
    tg.subscribeViaLink(user.id, link.invite_link);
    const [joined] = await memberUpdates();
    const firstEnd = (joined.new_chat_member as { until_date: number }).until_date;

    tg.renewChatSubscription(user.id, channelId);
    tg.renewChatSubscription(user.id, channelId, { withInviteLink: true });

    const [renewed, again] = await memberUpdates();
    expect(renewed).toMatchObject({
      old_chat_member: { status: 'member', until_date: firstEnd },
      new_chat_member: { status: 'member', until_date: firstEnd + PERIOD },
    });
    expect(renewed.invite_link).toBeUndefined();
    expect(again).toMatchObject({
      new_chat_member: { until_date: firstEnd + 2 * PERIOD },
      invite_link: { invite_link: link.invite_link, subscription_price: 250 },
    });
  });

  it('removes a member whose period ended unpaid, only once until_date has passed', async () => {
    const link = await createSubscriptionLink();
    const user = tg.createUser();
    tg.subscribeViaLink(user.id, link.invite_link);
    await memberUpdates();

    expect(() => tg.lapseChatSubscription(user.id, channelId)).toThrow(/advanceTime first/);
    tg.advanceTime(PERIOD + 1);
    tg.lapseChatSubscription(user.id, channelId);

    const [left] = await memberUpdates();
    expect(left).toMatchObject({
      old_chat_member: { status: 'member' },
      new_chat_member: { status: 'left', user: { id: user.id } },
    });
    expect(tg.chatMember(channelId, user.id).status).toBe('left');
    expect(() => tg.renewChatSubscription(user.id, channelId)).toThrow(/no Star subscription/);
    // Paying again through the link starts a fresh period.
    expect(tg.subscribeViaLink(user.id, link.invite_link)).toMatchObject({ outcome: 'joined' });
  });

  it('drives the same actions through the control API', async () => {
    const link = await createSubscriptionLink();
    const user = tg.createUser();
    const post = (action: string, body: Record<string, unknown>) =>
      fetch(`${tg.url}/_fake/${action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<{ ok: boolean }>);

    expect(
      await post('subscribeViaLink', { userId: user.id, link: link.invite_link }),
    ).toMatchObject({ ok: true });
    expect(
      await post('renewChatSubscription', { userId: user.id, chatId: channelId }),
    ).toMatchObject({ ok: true });
    expect(
      await post('lapseChatSubscription', { userId: user.id, chatId: channelId }),
    ).toMatchObject({ ok: false });
  });
});
