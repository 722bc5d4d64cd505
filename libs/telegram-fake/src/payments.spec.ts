import { Telegraf } from 'telegraf';
import { TelegramFakeServer } from './telegram-fake.server';
import { callBotApi, okResult } from './testing/call-api';
import type { Message, Update } from './types';

describe('Telegram Stars payments', () => {
  let tg: TelegramFakeServer;
  let token: string;
  let bot: Telegraf;
  let userId: number;

  const sendInvoice = () =>
    okResult<Message>(tg.url, token, 'sendInvoice', {
      chat_id: userId,
      title: 'VIP month',
      description: '30 days of VIP',
      payload: 'order:42',
      currency: 'XTR',
      prices: [{ label: 'VIP', amount: 250 }],
    });

  beforeEach(async () => {
    tg = await TelegramFakeServer.start({ preCheckoutTimeoutMs: 300 });
    token = tg.createBot().token;
    bot = new Telegraf(token, { telegram: { apiRoot: tg.url } });
    userId = tg.createUser().id;
    tg.startBot(userId);
  });

  afterEach(async () => {
    try {
      bot.stop();
    } catch {
      // not launched in this test
    }
    await tg.stop();
  });

  /** Runs the bot with long polling; `decide` answers each pre-checkout query. */
  async function launch(decide: (payload: string) => true | string): Promise<void> {
    bot.on('pre_checkout_query', (ctx) => {
      const verdict = decide(ctx.preCheckoutQuery.invoice_payload);
      return verdict === true
        ? ctx.answerPreCheckoutQuery(true)
        : ctx.answerPreCheckoutQuery(false, verdict);
    });
    await new Promise<void>((resolve) => void bot.launch(() => resolve()));
  }

  it('pre_checkout_query -> answer ok -> successful_payment message', async () => {
    const invoice = await sendInvoice();
    expect(invoice.invoice).toEqual({
      title: 'VIP month',
      description: '30 days of VIP',
      start_parameter: '',
      currency: 'XTR',
      total_amount: 250,
    });
    await launch(() => true);

    const outcome = await tg.payInvoice(userId, { messageId: invoice.message_id });

    expect(outcome.status).toBe('paid');
    if (outcome.status !== 'paid') {
      return;
    }
    expect(outcome.query).toMatchObject({
      from: { id: userId },
      currency: 'XTR',
      total_amount: 250,
      invoice_payload: 'order:42',
    });
    expect(outcome.payment).toMatchObject({
      currency: 'XTR',
      total_amount: 250,
      invoice_payload: 'order:42',
      telegram_payment_charge_id: expect.stringMatching(/^stxt/),
      provider_payment_charge_id: expect.any(String),
    });
    expect(outcome.payment.is_recurring).toBeUndefined();
    expect(outcome.message).toMatchObject({
      chat: { id: userId, type: 'private' },
      from: { id: userId },
    });
    expect(tg.lastCall('answerPreCheckoutQuery')).toMatchObject({ ok: true, params: { ok: true } });
  });

  it('the bot declining yields the error message and no payment', async () => {
    const invoice = await sendInvoice();
    await launch(() => 'Sold out');
    const outcome = await tg.payInvoice(userId, { messageId: invoice.message_id });
    expect(outcome).toMatchObject({ status: 'declined', error_message: 'Sold out' });
    expect(tg.core.payments.charges.size).toBe(0);
  });

  it('no answer within the deadline fails the payment, and a late answer is refused', async () => {
    const invoice = await sendInvoice();
    const outcome = await tg.payInvoice(userId, { messageId: invoice.message_id });
    expect(outcome.status).toBe('timeout');

    const late = await callBotApi(tg.url, token, 'answerPreCheckoutQuery', {
      pre_checkout_query_id: outcome.query.id,
      ok: true,
    });
    expect(late.body).toMatchObject({
      error_code: 400,
      description:
        'Bad Request: query is too old and response timeout expired or query ID is invalid',
    });
  });

  it('subscription invoice links pay with subscription_expiration_date and renew as recurring', async () => {
    const link = await okResult<string>(tg.url, token, 'createInvoiceLink', {
      title: 'VIP',
      description: 'Monthly VIP',
      payload: 'sub:7',
      currency: 'XTR',
      prices: [{ label: 'VIP', amount: 100 }],
      subscription_period: 2592000,
    });
    expect(link).toMatch(/^https:\/\/t\.me\/\$/);
    await launch(() => true);

    const outcome = await tg.payInvoice(userId, { link });
    if (outcome.status !== 'paid') {
      throw new Error(`expected paid, got ${outcome.status}`);
    }
    const now = Math.floor(Date.now() / 1000);
    expect(outcome.payment).toMatchObject({
      is_recurring: true,
      is_first_recurring: true,
      invoice_payload: 'sub:7',
    });
    expect(outcome.payment.subscription_expiration_date).toBeGreaterThanOrEqual(now + 2592000 - 5);

    const renewal = tg.renewSubscription(userId, outcome.chargeId);
    expect(renewal.payment).toMatchObject({ is_recurring: true, total_amount: 100 });
    expect(renewal.payment.is_first_recurring).toBeUndefined();
    expect(renewal.payment.subscription_expiration_date).toBe(
      outcome.payment.subscription_expiration_date! + 2592000,
    );
  });

  it('refundStarPayment refunds once and posts refunded_payment', async () => {
    const invoice = await sendInvoice();
    await launch(() => true);
    const outcome = await tg.payInvoice(userId, { messageId: invoice.message_id });
    if (outcome.status !== 'paid') {
      throw new Error('expected paid');
    }
    bot.stop();

    const refund = () =>
      callBotApi(tg.url, token, 'refundStarPayment', {
        user_id: userId,
        telegram_payment_charge_id: outcome.chargeId,
      });
    expect((await refund()).body).toEqual({ ok: true, result: true });
    expect((await refund()).body).toMatchObject({
      description: 'Bad Request: CHARGE_ALREADY_REFUNDED',
    });
    const updates = await okResult<Update[]>(tg.url, token, 'getUpdates');
    expect(updates.at(-1)?.message?.refunded_payment).toMatchObject({
      currency: 'XTR',
      total_amount: 250,
      telegram_payment_charge_id: outcome.chargeId,
    });
  });

  it('validates Stars invoices like Telegram', async () => {
    const base = { chat_id: userId, title: 't', description: 'd', payload: 'p', currency: 'XTR' };
    const twoPrices = await callBotApi(tg.url, token, 'sendInvoice', {
      ...base,
      prices: [
        { label: 'a', amount: 1 },
        { label: 'b', amount: 1 },
      ],
    });
    expect(twoPrices.body).toMatchObject({
      error_code: 400,
      description: 'Bad Request: STARS_INVOICE_INVALID',
    });
    const withProvider = await callBotApi(tg.url, token, 'sendInvoice', {
      ...base,
      provider_token: 'x',
      prices: [{ label: 'a', amount: 1 }],
    });
    expect(withProvider.body).toMatchObject({ error_code: 400 });
  });
});
