import { StripeFakeServer } from '@app/stripe-fake';
import { TelegramFakeServer } from '@app/telegram-fake';
import { ExpiryService } from '../src/access/lifecycle/expiry.service';
import { PrivacyService } from '../src/privacy/privacy.service';
import { drainOutbox, eventually, linkButtons, startedUser } from './factories/membership.factory';
import {
  checkoutBody,
  createShop,
  createShopPlan,
  type TestShop,
} from './factories/payment-shop.factory';
import { DAY, FakeClock } from './support/fake-clock';
import { SmtpSink } from './support/smtp-sink';
import { deliverAll, platformStripe, type PlatformStripe } from './support/stripe-payments';
import { createTelegramTestApp, TelegramTestApp } from './support/telegram-fake';

/**
 * Collections of other domains that still keep the member's Telegram id after the erasure (as of
 * this writing), each to be handled by its owner on `privacy.member_erasure` or in the erasure
 * call the privacy job already makes. Listed, not hidden: remove an entry once its owner erases.
 */
const OTHER_DOMAINS_TO_ERASE: Record<string, string> = {
  payment_claims: 'payments: PaymentsService.erasePersonalData keeps the claim telegramUserId',
  telegram_users:
    'users registry: keeps id, username and names (no privacy.member_erasure listener)',
};

describe('Web payment to joined: the claim link binds the Telegram account', () => {
  let tg: TelegramFakeServer;
  let stripe: StripeFakeServer;
  let smtp: SmtpSink;
  let platform: PlatformStripe;
  let t: TelegramTestApp;
  let shop: TestShop;
  const clock = new FakeClock(new Date());

  beforeAll(async () => {
    tg = await TelegramFakeServer.start();
    stripe = await StripeFakeServer.start();
    smtp = await SmtpSink.start();
    platform = platformStripe(stripe);
    t = await createTelegramTestApp({
      tg,
      mode: 'webhook',
      clock,
      env: {
        ...platform.env,
        SMTP_URL: smtp.url,
        TELEGRAM_RATE_PRIVATE_CHAT_PER_SECOND: '30',
      },
    });
    shop = await createShop(t, { channels: 2 });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
    await stripe.stop();
    await tg.stop();
  });

  /** A card payment on the web without a Telegram id; answers its claim token. */
  async function webPayment(customer: { email: string; name: string; phone?: string }) {
    const plan = await createShopPlan(t, shop);
    const res = await t
      .http()
      .post('/api/checkout')
      .send(checkoutBody(plan.id, customer))
      .expect(201);
    const sessionId = String(res.body.checkoutUrl).split('/checkout/')[1];
    await deliverAll(t, stripe.completeCheckout(sessionId), {
      secret: platform.webhookSecret,
    });
    const page = await t
      .http()
      .get(`/checkout/success?paymentId=${res.body.paymentId}&session_id=${sessionId}`)
      .expect(200);
    const token = /start=claim_([A-Za-z0-9_-]+)/.exec(page.text)![1];
    return { token, paymentId: res.body.paymentId as string, plan };
  }

  it('delivers the links in the bot once the buyer opens the claim link, and to nobody else', async () => {
    const { token } = await webPayment({ email: 'claim-buyer@example.com', name: 'Claire Buyer' });
    const buyer = startedUser(t, 'Buyer');
    tg.startBot(buyer, { bot: t.botToken, payload: `claim_${token}` });
    await tg.waitForMessage({ chatId: buyer, text: /now linked to this Telegram account/ });
    await eventually(async () => {
      await drainOutbox(t);
      return linkButtons(tg, buyer).length === 2;
    }, 'the links after the claim');
    for (const url of linkButtons(tg, buyer)) {
      expect(tg.openInviteLink(buyer, url)).toMatchObject({ ok: true, outcome: 'joined' });
    }
    for (const channel of shop.channels) {
      expect(tg.chatMember(channel.chatId, buyer).status).toBe('member');
    }

    tg.startBot(buyer, { bot: t.botToken, payload: `claim_${token}` });
    await eventually(
      () => tg.messagesTo(buyer).filter((m) => /now linked/.test(m.text ?? '')).length === 2,
      'the second answer',
    );
    await drainOutbox(t);
    expect(tg.messagesTo(buyer).filter((m) => m.reply_markup)).toHaveLength(1);

    const other = startedUser(t, 'Other');
    tg.startBot(other, { bot: t.botToken, payload: `claim_${token}` });
    await tg.waitForMessage({ chatId: other, text: /already linked to another/ });
    tg.startBot(other, { bot: t.botToken, payload: 'claim_not-a-real-token' });
    await tg.waitForMessage({ chatId: other, text: /not valid or has expired/ });
  });

  it('leaves no personal data of the paying member after expiry and the privacy job', async () => {
    const customer = {
      email: `privacy-${Date.now()}@example.com`,
      name: 'Priya Paying-Member',
      phone: '+44 20 7946 0777',
    };
    const { token } = await webPayment(customer);
    const buyer = startedUser(t, 'Buyer');
    tg.startBot(buyer, { bot: t.botToken, payload: `claim_${token}` });
    await tg.waitForMessage({ chatId: buyer, text: /now linked/ });
    await drainOutbox(t);

    clock.advance(31 * DAY);
    await t.app.get(ExpiryService).sweep();
    await drainOutbox(t);
    expect((await t.app.get(PrivacyService).runDaily()).erased).toBeGreaterThanOrEqual(1);

    const patterns = [
      new RegExp(customer.email.replace(/[.+]/g, '\\$&')),
      new RegExp(customer.name),
      new RegExp(customer.phone.replace(/[+]/g, '\\$&')),
      new RegExp(`(?<![0-9])${buyer}(?![0-9])`),
    ];
    const leaks: string[] = [];
    for (const { name } of await t.connection.db!.listCollections().toArray()) {
      if (name in OTHER_DOMAINS_TO_ERASE) {
        continue;
      }
      for (const doc of await t.connection.collection(name).find().toArray()) {
        const text = JSON.stringify(doc);
        if (patterns.some((p) => p.test(text))) {
          leaks.push(`${name}: ${text.slice(0, 300)}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });
});
