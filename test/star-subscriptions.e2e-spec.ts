import { TelegramFakeServer, type ChatMember, type Message, type Update } from '@app/telegram-fake';
import { randomBytes } from 'node:crypto';
import { ExpiryService } from '../src/access/lifecycle/expiry.service';
import { webhookPathSegment } from '../src/telegram/webhook/webhook-path';
import { createBotChat, FULL_BOT_RIGHTS } from './factories/channel.factory';
import { drainOutbox, eventually, linkButtons } from './factories/membership.factory';
import { createShop, createShopPlan, type TestShop } from './factories/payment-shop.factory';
import { createEndpoint } from './factories/webhook-endpoint.factory';
import { FakeClock, MINUTE } from './support/fake-clock';
import { checkoutBody } from './factories/payment-shop.factory';
import { createTelegramTestApp, type TelegramTestApp } from './support/telegram-fake';
import { WebhookReceiver } from './support/webhook-receiver';

const PERIOD_SECONDS = 2_592_000;
const DAY_MS = 24 * 60 * MINUTE;
/** GRACE_DAYS' default: a lapsed subscriber is removed this long after the paid period. */
const GRACE_MS = 3 * DAY_MS;

describe('Telegram Star subscription links: plans sold through a channel’s subscription link', () => {
  const clock = new FakeClock(new Date());
  let tg: TelegramFakeServer;
  let t: TelegramTestApp;
  let receiver: WebhookReceiver;
  let shop: TestShop;
  let hookPath: string;

  /** Moves Telegram's clock and ours together (until_date is Telegram's time). */
  function advance(ms: number): void {
    tg.advanceTime(ms / 1000);
    clock.set(new Date(tg.core.clock.nowMs()));
  }

  beforeAll(async () => {
    tg = await TelegramFakeServer.start();
    receiver = await WebhookReceiver.start();
    t = await createTelegramTestApp({
      tg,
      mode: 'webhook',
      clock,
      env: { TELEGRAM_RATE_PRIVATE_CHAT_PER_SECOND: '30' },
    });
    shop = await createShop(t, { channels: 1 });
    hookPath = `/stars-${randomBytes(4).toString('hex')}`;
    await createEndpoint(t, shop.seller, { url: receiver.url(hookPath) });
    clock.set(new Date(tg.core.clock.nowMs()));
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
    await tg.stop();
  });

  const api = () => ({
    get: (path: string) => t.http().get(path).set('X-API-Key', shop.apiKey),
    post: (path: string, body: object) =>
      t.http().post(path).set('X-API-Key', shop.apiKey).send(body),
    patch: (path: string, body: object) =>
      t.http().patch(path).set('X-API-Key', shop.apiKey).send(body),
  });
  const starPlanBody = (overrides: Record<string, unknown> = {}) => ({
    name: `Stars club ${randomBytes(3).toString('hex')}`,
    currency: 'XTR',
    priceMinor: 250,
    durationDays: 30,
    channelIds: [shop.channels[0].id],
    starSubscription: true,
    ...overrides,
  });
  const payments = (planId: string, telegramUserId: number) =>
    t.connection
      .collection('payments')
      .find({ planId, 'customer.telegramUserId': telegramUserId })
      .sort({ createdAt: 1 })
      .toArray();
  const membershipOf = (planId: string, telegramUserId: number) =>
    t.connection.collection('memberships').findOne({ planId, telegramUserId });
  const grantsOf = (telegramUserId: number) =>
    t.connection
      .collection('grants')
      .countDocuments({ provider: 'telegram_star_subscription', telegramUserId });
  const webhooksOf = (type: string, membershipId: string) =>
    receiver
      .to(hookPath)
      .filter((r) => r.json.type === type && r.json.data.membershipId === membershipId);

  /** A plan with its subscription link created in the fake, and that link. */
  async function starPlan(): Promise<{ planId: string; inviteLink: string }> {
    const plan = await createShopPlan(t, shop, starPlanBody());
    await drainOutbox(t);
    const res = await api().get(`/api/sellers/plans/${plan.id}`).expect(200);
    return { planId: plan.id, inviteLink: res.body.starSubscriptionLink.inviteLink as string };
  }

  /** A user subscribes in the app; resolves with the until_date Telegram gave them. */
  function subscribe(inviteLink: string): { userId: number; untilMs: number } {
    const userId = tg.createUser({ first_name: 'Subscriber' }).id;
    tg.startBot(userId, { bot: t.botToken });
    const joined = tg.subscribeViaLink(userId, inviteLink);
    if (!joined.ok || joined.outcome !== 'joined') {
      throw new Error(`could not subscribe: ${JSON.stringify(joined)}`);
    }
    const member = joined.member as ChatMember & { until_date: number };
    return { userId, untilMs: member.until_date * 1000 };
  }

  async function settledPayments(planId: string, userId: number, count: number) {
    return eventually(async () => {
      const found = await payments(planId, userId);
      return found.length === count && found.every((p) => p.status === 'succeeded')
        ? found
        : undefined;
    }, `${count} settled payment(s)`);
  }

  /** Handling of the last chat_member update about this user has finished. */
  const handled = (userId: number) =>
    tg.waitFor(() =>
      tg
        .webhookDeliveries({ bot: t.botToken })
        .filter((d) => d.update.chat_member?.new_chat_member.user.id === userId)
        .every((d) => d.status === 200),
    );

  it('creates the plan’s subscription link once through the outbox, with the plan’s price and Telegram’s 30-day period', async () => {
    const created = await api().post('/api/sellers/plans', starPlanBody()).expect(201);

    expect(created.body).toMatchObject({
      starSubscription: true,
      billing: 'recurring',
      starSubscriptionLink: {
        status: 'pending',
        inviteLink: null,
        priceStars: 250,
        periodDays: 30,
      },
    });
    await drainOutbox(t);
    const shown = await api().get(`/api/sellers/plans/${created.body.id}`).expect(200);
    expect(shown.body.starSubscriptionLink).toMatchObject({
      status: 'active',
      inviteLink: expect.stringMatching(/^https:\/\/t\.me\/\+/),
      chatId: shop.channels[0].chatId,
      failure: null,
    });
    const [link] = tg
      .inviteLinks(shop.channels[0].chatId)
      .filter((l) => l.invite_link === shown.body.starSubscriptionLink.inviteLink);
    expect(link).toMatchObject({
      subscription_period: PERIOD_SECONDS,
      subscription_price: 250,
      name: `sub:${created.body.id}`,
    });

    // Saving the plan again creates nothing more.
    await api().patch(`/api/sellers/plans/${created.body.id}`, { name: 'Renamed' }).expect(200);
    await drainOutbox(t);
    const creations = tg
      .calls('createChatSubscriptionInviteLink')
      .filter((c) => String(c.params.name) === `sub:${created.body.id}`);
    expect(creations).toHaveLength(1);
  });

  it('shows a link Telegram refused as failed, and saving the plan again retries it', async () => {
    const chatId = shop.channels[0].chatId;
    tg.setBotRights(chatId, t.botToken, { can_invite_users: false, can_restrict_members: true });
    const plan = await createShopPlan(t, shop, starPlanBody());
    await drainOutbox(t);

    const failed = await api().get(`/api/sellers/plans/${plan.id}`).expect(200);
    expect(failed.body.starSubscriptionLink).toMatchObject({
      status: 'failed',
      inviteLink: null,
      failure: expect.stringContaining('not enough rights'),
    });

    tg.setBotRights(chatId, t.botToken, FULL_BOT_RIGHTS);
    await api().patch(`/api/sellers/plans/${plan.id}`, { description: 'Rights fixed' }).expect(200);
    await drainOutbox(t);
    const fixed = await api().get(`/api/sellers/plans/${plan.id}`).expect(200);
    expect(fixed.body.starSubscriptionLink).toMatchObject({
      status: 'active',
      inviteLink: expect.stringMatching(/^https:\/\/t\.me\/\+/),
      failure: null,
    });
  });

  it('refuses plans a subscription link cannot sell, naming the field, and keeps a sold plan’s terms', async () => {
    const refused = async (body: Record<string, unknown>) =>
      (await api().post('/api/sellers/plans', starPlanBody(body)).expect(422)).body.error;
    const supergroup = createBotChat(tg, t.botToken, { type: 'supergroup' });
    const group = await api().post('/api/sellers/channels', { chatId: supergroup.id }).expect(201);

    expect(await refused({ currency: 'USD', priceMinor: 999 })).toMatchObject({
      code: 'STAR_SUBSCRIPTION_INVALID',
      details: { field: 'currency' },
    });
    expect(await refused({ priceMinor: 10_001 })).toMatchObject({
      details: { field: 'priceMinor' },
    });
    expect(await refused({ trialDays: 3 })).toMatchObject({ details: { field: 'trialDays' } });
    expect(await refused({ channelIds: [shop.channels[0].id, group.body.id] })).toMatchObject({
      details: { field: 'channelIds' },
    });
    expect(await refused({ channelIds: [group.body.id] })).toMatchObject({
      code: 'STAR_SUBSCRIPTION_INVALID',
      details: { field: 'channelIds' },
    });

    const plan = await createShopPlan(t, shop, starPlanBody());
    const locked = await api()
      .patch(`/api/sellers/plans/${plan.id}`, { priceMinor: 300 })
      .expect(409);
    expect(locked.body.error).toMatchObject({
      code: 'STAR_SUBSCRIPTION_LOCKED',
      details: { fields: ['priceMinor'] },
    });
    await api().patch(`/api/sellers/plans/${plan.id}`, { starSubscription: false }).expect(409);
  });

  it('offers the subscription link in the bot as the way to pay', async () => {
    const { planId, inviteLink } = await starPlan();
    const userId = tg.createUser({ first_name: 'Browser' }).id;

    tg.startBot(userId, { bot: t.botToken, payload: `plan_${planId}` });
    const offer: Message = await tg.waitForMessage({ chatId: userId, text: /Price: ⭐ 250/ });

    expect(offer.reply_markup?.inline_keyboard.flat()).toEqual([
      { text: 'Subscribe for ⭐ 250 a month', url: inviteLink },
    ]);
  });

  it('sells the plan through its link only: the checkout API refuses it and creates no payment', async () => {
    const { planId } = await starPlan();
    const res = await t
      .http()
      .post('/api/checkout')
      .send(checkoutBody(planId, { provider: 'stars' }))
      .expect(422);
    expect(res.body.error.code).toBe('STAR_SUBSCRIPTION_LINK_ONLY');
    expect(await t.connection.collection('payments').countDocuments({ planId })).toBe(0);
  });

  it('records a subscriber: membership until until_date, an XTR payment, the seller’s webhooks, once per update', async () => {
    const { planId, inviteLink } = await starPlan();
    const { userId, untilMs } = subscribe(inviteLink);

    const [payment] = await settledPayments(planId, userId, 1);
    expect(payment).toMatchObject({
      provider: 'telegram_star_subscription',
      kind: 'purchase',
      amountMinor: 250,
      currency: 'XTR',
      sellerId: shop.seller.id,
    });
    const membership = await membershipOf(planId, userId);
    expect(membership).toMatchObject({ status: 'active', billing: 'recurring' });
    // Paid until Telegram's until_date (to the millisecond the duration arithmetic allows).
    expect(Math.abs(membership!.expiresAt.getTime() - untilMs)).toBeLessThanOrEqual(1);
    const listed = await api()
      .get('/api/sellers/payments')
      .query({ provider: 'telegram_star_subscription' })
      .expect(200);
    expect(JSON.stringify(listed.body)).toContain(payment._id.toString());
    // Telegram collected the Stars for the channel: the bot cannot give them back.
    const refund = await api()
      .post(`/api/sellers/payments/${payment._id.toString()}/refund`, {})
      .expect(409);
    expect(refund.body.error.code).toBe('PAYMENT_NOT_REFUNDABLE');

    await handled(userId);
    await drainOutbox(t);
    const id = membership!._id.toString();
    await eventually(
      () =>
        webhooksOf('payment.succeeded', id).length === 1 &&
        webhooksOf('member.joined', id).length === 1,
      'payment.succeeded and member.joined at the seller',
    );
    expect(webhooksOf('member.joined', id)[0].json.data).toMatchObject({
      chatId: shop.channels[0].chatId,
      telegramUserId: userId,
    });
    // The member is told they are in, without a link (they joined through the subscription).
    expect(tg.messagesTo(userId).at(-1)?.text).toMatch(/You are all set/);
    expect(linkButtons(tg, userId)).toEqual([]);

    // Telegram delivers the same update again (a webhook answer it did not see).
    const [delivery] = tg
      .webhookDeliveries({ bot: t.botToken })
      .filter((d) => d.update.chat_member?.new_chat_member.user.id === userId);
    await t
      .http()
      .post(`/webhooks/telegram/${webhookPathSegment(t.webhookSecret)}`)
      .set('X-Telegram-Bot-Api-Secret-Token', t.webhookSecret)
      .send(delivery.update satisfies Update)
      .expect(200);
    await drainOutbox(t);

    expect(await grantsOf(userId)).toBe(1);
    expect(await payments(planId, userId)).toHaveLength(1);
    expect(
      await t.connection.collection('membership_periods').countDocuments({ membershipId: id }),
    ).toBe(1);
    expect(webhooksOf('member.joined', id)).toHaveLength(1);
    expect(webhooksOf('payment.succeeded', id)).toHaveLength(1);
    // The join is on record as for any member (the seller's member list shows them in the chat).
    expect(
      await t.connection
        .collection('member_presence')
        .find({ membershipId: id })
        .project({ _id: 0, chatId: 1, kind: 1 })
        .toArray(),
    ).toEqual([{ chatId: shop.channels[0].chatId, kind: 'joined' }]);
  });

  it('extends at each renewal, also one Telegram reports after the paid period ended', async () => {
    const { planId, inviteLink } = await starPlan();
    const { userId, untilMs } = subscribe(inviteLink);
    await settledPayments(planId, userId, 1);
    await handled(userId);

    advance(untilMs - clock.now().getTime() - 60 * MINUTE);
    tg.renewChatSubscription(userId, shop.channels[0].chatId);
    const [, renewal] = await settledPayments(planId, userId, 2);
    expect(renewal).toMatchObject({ kind: 'renewal', amountMinor: 250, currency: 'XTR' });
    const renewed = await membershipOf(planId, userId);
    expect(
      Math.abs(renewed!.expiresAt.getTime() - (untilMs + PERIOD_SECONDS * 1000)),
    ).toBeLessThanOrEqual(1);

    // The next renewal arrives a day late: the member is in grace, and the renewal brings them back.
    await handled(userId);
    advance(PERIOD_SECONDS * 1000 + DAY_MS);
    await t.app.get(ExpiryService).sweep();
    expect(await membershipOf(planId, userId)).toMatchObject({ status: 'grace' });
    tg.renewChatSubscription(userId, shop.channels[0].chatId, { withInviteLink: true });
    await settledPayments(planId, userId, 3);
    const back = await membershipOf(planId, userId);
    expect(back).toMatchObject({ status: 'active' });
    expect(back!.expiresAt.getTime()).toBeGreaterThan(clock.now().getTime() + 28 * DAY_MS);
    await drainOutbox(t);
    expect(tg.chatMember(shop.channels[0].chatId, userId).status).toBe('member');
  });

  it('removes a subscriber whose period ended without a renewal, after the grace days', async () => {
    const { planId, inviteLink } = await starPlan();
    const { userId, untilMs } = subscribe(inviteLink);
    const chatId = shop.channels[0].chatId;
    await settledPayments(planId, userId, 1);
    await handled(userId);
    await drainOutbox(t);
    const expiry = t.app.get(ExpiryService);

    advance(untilMs - clock.now().getTime() + MINUTE);
    await expiry.sweep();
    await drainOutbox(t);
    expect(await membershipOf(planId, userId)).toMatchObject({ status: 'grace' });
    expect(tg.chatMember(chatId, userId).status).toBe('member');

    advance(GRACE_MS);
    await expiry.sweep();
    await drainOutbox(t);

    expect(await membershipOf(planId, userId)).toMatchObject({ status: 'expired' });
    expect(tg.chatMember(chatId, userId).status).toBe('left');
    const removal = tg
      .calls()
      .filter(
        (c) => c.ok && Number(c.params.user_id) === userId && Number(c.params.chat_id) === chatId,
      )
      .map((c) => c.method)
      .filter((m) => /^(ban|unban)ChatMember$/.test(m));
    expect(removal).toEqual(['banChatMember', 'unbanChatMember']);
  });
});
