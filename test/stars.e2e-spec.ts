import { StripeFakeServer } from '@app/stripe-fake';
import { TelegramFakeServer, type Message } from '@app/telegram-fake';
import { Types } from 'mongoose';
import { drainOutbox, eventually, linkButtons } from './factories/membership.factory';
import {
  checkoutBody,
  createShop,
  createShopPlan,
  type TestPlan,
  type TestShop,
} from './factories/payment-shop.factory';
import { platformStripe } from './support/stripe-payments';
import { createTelegramTestApp, type TelegramTestApp } from './support/telegram-fake';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('Telegram Stars: the bot’s plan offer, pre-checkout and payment', () => {
  let tg: TelegramFakeServer;
  let stripe: StripeFakeServer;
  let t: TelegramTestApp;
  let shop: TestShop;

  beforeAll(async () => {
    tg = await TelegramFakeServer.start();
    stripe = await StripeFakeServer.start();
    t = await createTelegramTestApp({
      tg,
      mode: 'webhook',
      env: { ...platformStripe(stripe).env, TELEGRAM_RATE_PRIVATE_CHAT_PER_SECOND: '30' },
    });
    shop = await createShop(t, { channels: 2 });
  });
  afterAll(async () => {
    await t.close();
    await stripe.stop();
    await tg.stop();
  });

  const starsPlan = (overrides: Record<string, unknown> = {}) =>
    createShopPlan(t, shop, { currency: 'XTR', priceMinor: 50, ...overrides });
  const membershipOf = (planId: string, telegramUserId: number) =>
    t.connection.collection('memberships').findOne({ planId, telegramUserId });
  const paymentOf = (planId: string, telegramUserId: number) =>
    t.connection
      .collection('payments')
      .findOne({ planId, 'customer.telegramUserId': telegramUserId, kind: 'purchase' });
  const linkJobsOf = (paymentId: string) =>
    t.connection
      .collection('outbox_jobs')
      .countDocuments({ kind: 'access.link', 'correlation.paymentId': paymentId });

  /** Opens the plan's deep link and returns the bot's offer message. */
  async function openOffer(userId: number, plan: TestPlan): Promise<Message> {
    tg.startBot(userId, { bot: t.botToken, payload: `plan_${plan.id}` });
    return tg.waitForMessage({ chatId: userId, text: new RegExp(plan.name) });
  }

  function buttons(message: Message): Array<{ text: string; data?: string; url?: string }> {
    return (message.reply_markup?.inline_keyboard ?? [])
      .flat()
      .map((b) => ({ text: b.text, data: b.callback_data, url: b.url }));
  }

  /** Presses the offer button and waits for the bot's answer to it. */
  async function choose(userId: number, offer: Message, data: string): Promise<Message> {
    const before = tg.messagesTo(userId).length;
    tg.pressButton(userId, { messageId: offer.message_id, data, bot: t.botToken });
    return tg.waitFor(() =>
      tg
        .messagesTo(userId)
        .slice(before)
        .find((m) => m.text !== undefined),
    );
  }

  async function invoiceMessage(userId: number): Promise<Message> {
    await drainOutbox(t);
    return tg.waitFor(() => tg.messagesTo(userId).find((m) => m.invoice !== undefined));
  }

  const newUser = (): number => {
    const user = tg.createUser({ first_name: 'Star buyer' });
    return user.id;
  };

  it('offers a Stars plan in the bot, and a paid invoice grants it through the same grant path', async () => {
    const plan = await starsPlan();
    const userId = newUser();

    const offer = await openOffer(userId, plan);
    expect(offer.text).toContain('Price: ⭐ 50');
    expect(offer.text).toContain(shop.channels[0].title);
    expect(buttons(offer)).toEqual([
      { text: 'Pay ⭐ 50', data: `pay:stars:${plan.id}`, url: undefined },
    ]);
    await choose(userId, offer, `pay:stars:${plan.id}`);
    const invoice = await invoiceMessage(userId);
    expect(invoice.invoice).toMatchObject({ currency: 'XTR', total_amount: 50 });

    const outcome = await tg.payInvoice(userId, { messageId: invoice.message_id, bot: t.botToken });

    expect(outcome.status).toBe('paid');
    const payment = await eventually(async () => {
      const found = await paymentOf(plan.id, userId);
      return found?.status === 'succeeded' ? found : undefined;
    }, 'the Stars payment to be settled');
    expect(payment).toMatchObject({
      provider: 'stars',
      amountMinor: 50,
      currency: 'XTR',
      stars: { chargeId: outcome.status === 'paid' ? outcome.chargeId : '' },
    });
    expect(
      await t.connection
        .collection('grants')
        .findOne({ provider: 'stars', paymentId: payment._id.toString() }),
    ).toMatchObject({ providerPaymentId: outcome.status === 'paid' ? outcome.chargeId : '' });
    const membership = await membershipOf(plan.id, userId);
    expect(membership).toMatchObject({ status: 'active' });
    expect(Math.abs(membership!.expiresAt.getTime() - Date.now() - 30 * DAY_MS)).toBeLessThan(
      60_000,
    );
    expect(await linkJobsOf(payment._id.toString())).toBe(shop.channels.length);

    // Payment to joined: the links the bot sends open the channels for the payer.
    await drainOutbox(t);
    const links = linkButtons(tg, userId);
    expect(links).toHaveLength(shop.channels.length);
    for (const link of links) {
      expect(tg.openInviteLink(userId, link)).toMatchObject({ ok: true, outcome: 'joined' });
    }
  });

  it('refuses the pre-checkout when the invoice’s amount does not match the pending payment', async () => {
    const plan = await starsPlan();
    const userId = newUser();
    const offer = await openOffer(userId, plan);
    await choose(userId, offer, `pay:stars:${plan.id}`);
    const invoice = await invoiceMessage(userId);
    const pending = await paymentOf(plan.id, userId);
    await t.connection
      .collection('payments')
      .updateOne({ _id: pending!._id }, { $set: { amountMinor: 40 } });

    const outcome = await tg.payInvoice(userId, { messageId: invoice.message_id, bot: t.botToken });

    expect(outcome).toMatchObject({
      status: 'declined',
      error_message: expect.stringMatching(/price/),
    });
    expect(await membershipOf(plan.id, userId)).toBeNull();
  });

  it('refuses the pre-checkout of a plan archived after the invoice was sent', async () => {
    const plan = await starsPlan();
    const userId = newUser();
    const offer = await openOffer(userId, plan);
    await choose(userId, offer, `pay:stars:${plan.id}`);
    const invoice = await invoiceMessage(userId);
    await t
      .http()
      .post(`/api/sellers/plans/${plan.id}/archive`)
      .set('X-API-Key', shop.apiKey)
      .expect(200);

    const outcome = await tg.payInvoice(userId, { messageId: invoice.message_id, bot: t.botToken });

    expect(outcome).toMatchObject({
      status: 'declined',
      error_message: 'This plan is no longer on sale.',
    });
    expect((await paymentOf(plan.id, userId))!.status).toBe('pending');
  });

  it('answers the web checkout of a Stars plan with an invoice link the buyer pays in Telegram', async () => {
    const plan = await starsPlan();
    const userId = newUser();

    const res = await t.http().post('/api/checkout').send(checkoutBody(plan.id)).expect(201);
    expect(res.body).toMatchObject({ kind: 'stars_invoice', provider: 'stars', amountMinor: 50 });
    const outcome = await tg.payInvoice(userId, { link: res.body.checkoutUrl });

    expect(outcome.status).toBe('paid');
    await eventually(
      async () => (await membershipOf(plan.id, userId))?.status === 'active',
      'the payer’s membership',
    );
  });

  it('renews a Stars subscription when Telegram charges the next month', async () => {
    const plan = await starsPlan({ billing: 'recurring', durationDays: 30 });
    const userId = newUser();
    const offer = await openOffer(userId, plan);
    const reply = await choose(userId, offer, `pay:stars:${plan.id}`);
    const link = buttons(reply).find((b) => b.url)?.url;
    expect(link).toBeDefined();

    const outcome = await tg.payInvoice(userId, { link: link! });
    expect(outcome.status).toBe('paid');
    const first = await eventually(async () => {
      const m = await membershipOf(plan.id, userId);
      return m?.status === 'active' ? m : undefined;
    }, 'the first month');
    const renewal = tg.renewSubscription(userId, outcome.status === 'paid' ? outcome.chargeId : '');

    const renewed = await eventually(async () => {
      const found = await t.connection
        .collection('payments')
        .findOne({ key: `stars:charge:${renewal.chargeId}` });
      return found?.status === 'succeeded' ? found : undefined;
    }, 'the renewal to be settled');
    expect(renewed).toMatchObject({ kind: 'renewal', amountMinor: 50 });
    const after = await membershipOf(plan.id, userId);
    expect(after!.expiresAt.getTime()).toBe(first.expiresAt.getTime() + 30 * DAY_MS);
  });

  it('refunds a Stars payment through Telegram (outbox) and revokes the access', async () => {
    const plan = await starsPlan();
    const userId = newUser();
    const res = await t.http().post('/api/checkout').send(checkoutBody(plan.id)).expect(201);
    const outcome = await tg.payInvoice(userId, { link: res.body.checkoutUrl });
    await eventually(
      async () => (await paymentOf(plan.id, userId))?.status === 'succeeded',
      'the payment to be settled',
    );

    const refunded = await t
      .http()
      .post(`/api/sellers/payments/${res.body.paymentId}/refund`)
      .set('X-API-Key', shop.apiKey)
      .expect(200);
    await drainOutbox(t);

    expect(refunded.body.status).toBe('refunded');
    expect(tg.calls('refundStarPayment').filter((c) => c.ok)).toEqual([
      expect.objectContaining({
        params: expect.objectContaining({
          telegram_payment_charge_id: outcome.status === 'paid' ? outcome.chargeId : '',
        }),
      }),
    ]);
    expect(await membershipOf(plan.id, userId)).toMatchObject({ status: 'removed' });
  });

  it('offers a card plan with a signed link that opens a Stripe Checkout for the user who asked', async () => {
    const plan = await createShopPlan(t, shop);
    const userId = newUser();
    const offer = await openOffer(userId, plan);
    const [button] = buttons(offer);
    expect(button).toMatchObject({ text: 'Pay 19.99 USD by card', data: undefined });
    const link = new URL(button.url!);
    expect(link.pathname).toBe('/checkout/bot');

    const opened = await t.http().get(`${link.pathname}${link.search}`).expect(303);
    const forged = new URLSearchParams(link.search);
    forged.set('tg', String(userId + 1));
    await t.http().get(`${link.pathname}?${forged.toString()}`).expect(400);

    expect(opened.headers.location).toContain(`${stripe.baseUrl}/checkout/cs_test_`);
    const payment = await paymentOf(plan.id, userId);
    expect(payment).toMatchObject({
      provider: 'stripe',
      status: 'pending',
      customer: { telegramUserId: userId },
    });
    expect(payment!.claimTokenHash).toBeUndefined();
    expect(await paymentOf(plan.id, userId + 1)).toBeNull();
  });

  it('starts a free trial once per Telegram account', async () => {
    const plan = await createShopPlan(t, shop, { trialDays: 3 });
    const userId = newUser();
    const offer = await openOffer(userId, plan);
    expect(buttons(offer).map((b) => b.data ?? 'url')).toEqual(['url', `pay:trial:${plan.id}`]);

    const started = await choose(userId, offer, `pay:trial:${plan.id}`);
    const again = await choose(userId, offer, `pay:trial:${plan.id}`);

    expect(started.text).toMatch(/trial has started/);
    expect(again.text).toMatch(/new members only/);
    const membership = await membershipOf(plan.id, userId);
    expect(membership).toMatchObject({ status: 'active' });
    expect(Math.abs(membership!.expiresAt.getTime() - Date.now() - 3 * DAY_MS)).toBeLessThan(
      60_000,
    );
    expect(
      await t.connection
        .collection('grants')
        .countDocuments({ provider: 'trial', planId: plan.id, telegramUserId: userId }),
    ).toBe(1);
  });

  it('answers a web request for a trial with the bot link where the trial starts', async () => {
    const plan = await createShopPlan(t, shop, { trialDays: 7 });
    const noTrial = await createShopPlan(t, shop);

    const res = await t
      .http()
      .post('/api/checkout')
      .send({ planId: plan.id, trial: true })
      .expect(201);
    const refused = await t
      .http()
      .post('/api/checkout')
      .send({ planId: noTrial.id, trial: true })
      .expect(422);

    expect(res.body).toMatchObject({
      kind: 'trial_in_bot',
      paymentId: null,
      checkoutUrl: `https://t.me/${tg.core.bot(t.botToken).user.username}?start=plan_${plan.id}`,
    });
    expect(refused.body.error.code).toBe('TRIAL_NOT_OFFERED');
  });

  it('tells the user when a plan link names no plan on sale', async () => {
    const userId = newUser();
    tg.startBot(userId, { bot: t.botToken, payload: `plan_${new Types.ObjectId().toString()}` });
    const reply = await tg.waitForMessage({ chatId: userId, text: /not on sale/ });
    expect(reply.reply_markup).toBeUndefined();
  });
});
