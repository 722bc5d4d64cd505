import { StripeFakeServer } from '@app/stripe-fake';
import { TelegramFakeServer } from '@app/telegram-fake';
import { Types } from 'mongoose';
import { ExpiryService } from '../src/access/lifecycle/expiry.service';
import { PaymentsService } from '../src/payments/payments.service';
import { PrivacyService } from '../src/privacy/privacy.service';
import { UsersService } from '../src/users/users.service';
import {
  drainOutbox,
  eventually,
  grant,
  paymentGrant,
  sellerWithPlan,
  startedUser,
  whileDraining,
} from './factories/membership.factory';
import {
  checkoutBody,
  createShop,
  createShopPlan,
  type TestShop,
} from './factories/payment-shop.factory';
import { createApiKey } from './factories/seller.factory';
import { DAY, FakeClock, HOUR } from './support/fake-clock';
import { deliverAll, platformStripe, type PlatformStripe } from './support/stripe-payments';
import { createTelegramTestApp, TelegramTestApp } from './support/telegram-fake';
import { WebhookReceiver } from './support/webhook-receiver';

/**
 * What an erasure used to leave behind (issue 5, item 9): the claim of a web payment, the
 * Telegram users registry, stored Idempotency-Key answers, and the contact details of web
 * payments nobody claimed.
 */
describe('Privacy: nothing personal outlives an erasure', () => {
  let tg: TelegramFakeServer;
  let stripe: StripeFakeServer;
  let platform: PlatformStripe;
  let t: TelegramTestApp;
  let shop: TestShop;
  let privacy: PrivacyService;
  const clock = new FakeClock(new Date());
  const tag = Math.random().toString(36).slice(2, 8);

  beforeAll(async () => {
    tg = await TelegramFakeServer.start();
    // Stripe checks a session's expiry against its own clock: the same moved clock as ours.
    stripe = await StripeFakeServer.start({ clock: () => clock.now() });
    platform = platformStripe(stripe);
    t = await createTelegramTestApp({
      tg,
      mode: 'webhook',
      clock,
      env: {
        ...platform.env,
        RETENTION_DAYS: '0',
        TELEGRAM_RATE_PRIVATE_CHAT_PER_SECOND: '30',
      },
    });
    privacy = t.app.get(PrivacyService);
    shop = await createShop(t, { channels: 1 });
  });
  afterAll(async () => {
    await t.close();
    await stripe.stop();
    await tg.stop();
  });

  /** Documents of any collection naming one of these (a number only as a whole number). */
  async function leaksOf(needles: Array<string | number>): Promise<string[]> {
    const patterns = needles.map((n) =>
      typeof n === 'number' ? new RegExp(`(?<![0-9])${n}(?![0-9])`) : new RegExp(escape(n)),
    );
    const found: string[] = [];
    for (const { name } of await t.connection.db!.listCollections().toArray()) {
      for (const doc of await t.connection.collection(name).find().toArray()) {
        const text = JSON.stringify(doc);
        if (patterns.some((p) => p.test(text))) {
          found.push(`${name}: ${text.slice(0, 300)}`);
        }
      }
    }
    return found;
  }
  const collectionsOf = (leaks: string[]) => [...new Set(leaks.map((l) => l.split(':')[0]))].sort();

  function customer(label: string) {
    const n = Math.floor(Math.random() * 9000) + 1000;
    return {
      email: `${label}-${tag}-${n}@example.com`,
      name: `${label} Leftover-${tag}`,
      phone: `+44 20 7946 ${n}`,
    };
  }

  /** A card payment on the web without a Telegram id; answers its claim token. */
  async function webPayment(buyer: ReturnType<typeof customer>, plan?: { durationDays: number }) {
    const created = await createShopPlan(t, shop, plan ?? {});
    const res = await t
      .http()
      .post('/api/checkout')
      .send(checkoutBody(created.id, buyer))
      .expect(201);
    const sessionId = String(res.body.checkoutUrl).split('/checkout/')[1];
    await deliverAll(t, stripe.completeCheckout(sessionId), { secret: platform.webhookSecret });
    const page = await t
      .http()
      .get(`/checkout/success?paymentId=${res.body.paymentId}&session_id=${sessionId}`)
      .expect(200);
    const token = /start=claim_([A-Za-z0-9_-]+)/.exec(page.text)![1];
    return { token, paymentId: res.body.paymentId as string, planId: created.id };
  }

  /** A user who wrote to the bot, so the users registry holds their profile. */
  async function registeredUser(name: string) {
    const id = startedUser(t, name);
    tg.startBot(id, { bot: t.botToken });
    const profile = tg.core.users.get(id)!;
    await eventually(
      () => t.connection.collection('telegram_users').findOne({ username: profile.username }),
      'the user recorded',
    );
    return { id, username: profile.username!, firstName: profile.first_name };
  }

  /** Lets every membership granted before run out, then runs the daily job until it is done. */
  async function endAll(by: number) {
    clock.advance(by);
    await t.app.get(ExpiryService).sweep();
    await drainOutbox(t);
    return privacy.runDaily();
  }

  const payment = (id: string) =>
    t.connection.collection('payments').findOne({ _id: new Types.ObjectId(id) });
  const idempotencyRecord = (key: string) =>
    t.connection.collection('idempotency_records').findOne({ key });

  it('scrubs the buyer’s contact details from a web payment never claimed once its claim link expired and its paid time is over', async () => {
    const plain = customer('unclaimed');
    const refunded = customer('refunded');
    const long = customer('long');
    const first = await webPayment(plain);
    const second = await webPayment(refunded);
    await webPayment(long, { durationDays: 60 });
    const refundKey = `refund-${tag}`;
    const refund = () =>
      t
        .http()
        .post(`/api/sellers/payments/${second.paymentId}/refund`)
        .set('X-API-Key', shop.apiKey)
        .set('Idempotency-Key', refundKey)
        .send({});
    await refund().expect(200);
    const everyone = [plain, refunded, long].flatMap((c) => [c.email, c.name, c.phone]);

    expect((await endAll(DAY)).erasedUnclaimedPayments).toBe(0);
    expect(collectionsOf(await leaksOf([plain.email]))).toEqual(['grants', 'payments']);

    expect((await endAll(30 * DAY)).erasedUnclaimedPayments).toBe(2);
    expect(await leaksOf(everyone.slice(0, 6))).toEqual([]);
    expect(collectionsOf(await leaksOf([long.email]))).toEqual(['grants', 'payments']);
    expect(await payment(first.paymentId)).toMatchObject({
      status: 'succeeded',
      amountMinor: 1999,
      currency: 'USD',
      planId: first.planId,
      customer: {},
      personalDataErasedAt: expect.any(Date),
    });
    expect(await payment(first.paymentId)).not.toHaveProperty('claimTokenHash');
    expect(
      await t.connection.collection('grants').findOne({ paymentId: first.paymentId }),
    ).toMatchObject({
      provider: 'stripe',
      planId: first.planId,
      personalDataErasedAt: expect.any(Date),
    });
    expect(await payment(second.paymentId)).toMatchObject({ status: 'refunded', customer: {} });
    expect((await refund().expect(410)).body.error.code).toBe('IDEMPOTENCY_ANSWER_ERASED');

    expect((await endAll(30 * DAY)).erasedUnclaimedPayments).toBe(1);
    expect(await leaksOf(everyone)).toEqual([]);
    expect((await privacy.runDaily()).erasedUnclaimedPayments).toBe(0);
  });

  it('erases the seller webhook log’s copies of a web payment never claimed', async () => {
    const receiver = await WebhookReceiver.start();
    try {
      await t
        .http()
        .post('/api/sellers/webhooks')
        .set('X-API-Key', shop.apiKey)
        .send({ url: receiver.url(`/hooks-${tag}`), events: ['payment.succeeded'] })
        .expect(201);
      const buyer = customer('logged');
      await webPayment(buyer);
      await drainOutbox(t);
      expect(collectionsOf(await leaksOf([buyer.email]))).toEqual([
        'grants',
        'payments',
        'seller_webhook_events',
      ]);

      await endAll(31 * DAY);
      expect(await leaksOf([buyer.email, buyer.name, buyer.phone])).toEqual([]);
    } finally {
      await receiver.stop();
    }
  });

  it('makes a seller’s grant nobody claimed forget the seller’s id for the customer once its claim link expired', async () => {
    const plan = await createShopPlan(t, shop, {});
    const grantTo = (externalUserId: string) =>
      t
        .http()
        .post('/api/sellers/grant-access')
        .set('X-API-Key', shop.apiKey)
        .send({ externalUserId, planId: plan.id })
        .expect(201);
    const unused = `crm-unused-${tag}`;
    const claimed = `crm-claimed-${tag}`;
    await grantTo(unused);
    const { claimUrl } = (await grantTo(claimed)).body as { claimUrl: string };
    const customerId = startedUser(t);
    tg.startBot(customerId, {
      bot: t.botToken,
      payload: `claim_${/start=claim_(.+)$/.exec(claimUrl)![1]}`,
    });
    await tg.waitForMessage({ chatId: customerId, text: /now linked/ });

    expect((await endAll(DAY)).erasedUnclaimedSellerGrants).toBe(0);
    expect(collectionsOf(await leaksOf([unused]))).toEqual(['grants']);

    const report = await endAll(31 * DAY);
    expect(report.erasedUnclaimedSellerGrants).toBe(1);
    expect(await leaksOf([unused])).toEqual([]);
    expect(
      await t.connection.collection('manual_claims').countDocuments({ sellerId: shop.seller.id }),
    ).toBe(0);
    // The claimed grant is the member's: their own erasure (the membership ended) took the id.
    expect(await leaksOf([claimed])).toEqual([]);
  });

  it('erases the claim and the registry profile of a member who paid on the web', async () => {
    const buyer = customer('claimer');
    const { token, paymentId, planId } = await webPayment(buyer);
    const claimer = startedUser(t, 'Claimer');
    tg.startBot(claimer, { bot: t.botToken, payload: `claim_${token}` });
    await tg.waitForMessage({ chatId: claimer, text: /now linked/ });
    await drainOutbox(t);
    const { username, first_name: firstName } = tg.core.users.get(claimer)!;
    expect(collectionsOf(await leaksOf([claimer]))).toEqual(
      expect.arrayContaining(['payment_claims', 'telegram_users']),
    );

    expect((await endAll(31 * DAY)).erased).toBeGreaterThanOrEqual(1);

    expect(
      await leaksOf([buyer.email, buyer.name, buyer.phone, claimer, username!, firstName]),
    ).toEqual([]);
    expect(await payment(paymentId)).toMatchObject({
      status: 'succeeded',
      amountMinor: 1999,
      currency: 'USD',
      planId,
      customer: {},
    });
    await expect(
      t.app.get(PaymentsService).redeemClaim({ token, telegramUserId: claimer }),
    ).rejects.toMatchObject({ code: 'CLAIM_NOT_FOUND' });
  });

  it('keeps a banned user’s id and ban through the erasure, and nothing else of their profile', async () => {
    const setup = await sellerWithPlan(t);
    const user = await registeredUser('Banned');
    await grant(t, paymentGrant(setup, user.id, { durationMinutes: 60 }));
    await drainOutbox(t);
    const users = t.app.get(UsersService);
    await users.ban({ telegramUserId: user.id, by: 'tg:1', reason: `fraud ${tag}` });

    expect((await endAll(2 * HOUR)).erased).toBeGreaterThanOrEqual(1);

    expect(await leaksOf([user.username, user.firstName])).toEqual([]);
    expect(collectionsOf(await leaksOf([user.id]))).toEqual([
      'telegram_user_bans',
      'telegram_users',
    ]);
    expect(await users.isBanned(user.id)).toBe(true);
    expect(await users.get(user.id)).toMatchObject({
      username: null,
      firstName: null,
      banned: true,
      banReason: `fraud ${tag}`,
    });
  });

  it('keeps the registry profile while the user still has access with another seller', async () => {
    const ending = await sellerWithPlan(t);
    const staying = await sellerWithPlan(t);
    const user = await registeredUser('Twice');
    await grant(t, paymentGrant(ending, user.id, { durationMinutes: 60 }));
    await grant(t, paymentGrant(staying, user.id, { durationMinutes: 10 * 24 * 60 }));
    await drainOutbox(t);

    expect((await endAll(2 * HOUR)).erased).toBeGreaterThanOrEqual(1);
    const ended = await t.connection
      .collection('memberships')
      .findOne({ sellerId: ending.seller.id });
    expect(ended!.personalDataErasedAt).toBeInstanceOf(Date);

    expect(
      await t.connection.collection('telegram_users').findOne({ telegramUserId: user.id }),
    ).toMatchObject({ username: user.username, firstName: user.firstName });

    expect((await endAll(11 * DAY)).erased).toBeGreaterThanOrEqual(1);
    expect(await leaksOf([user.id, user.username])).toEqual([]);
  });

  it('erases the stored grant-access and force-remove answers about an erased member; a repeat gets 410', async () => {
    const setup = await sellerWithPlan(t);
    const { key: apiKey } = await createApiKey(t, setup.seller);
    const post = (path: string, key: string, body: object) =>
      t.http().post(path).set('X-API-Key', apiKey).set('Idempotency-Key', key).send(body);
    const member = startedUser(t, 'Erased');
    const bystander = startedUser(t, 'Bystander');
    const grantBody = (telegramUserId: number) => ({ telegramUserId, planId: setup.plan.id });
    const removeBody = { telegramUserId: member, planId: setup.plan.id };
    const keys = { member: `g1-${tag}`, bystander: `g2-${tag}`, remove: `r1-${tag}` };

    const granted = await whileDraining(
      t,
      post('/api/sellers/grant-access', keys.member, grantBody(member)),
    );
    expect(granted.status).toBe(201);
    await whileDraining(t, post('/api/sellers/grant-access', keys.bystander, grantBody(bystander)));
    const removed = await post('/api/sellers/force-remove', keys.remove, removeBody).expect(200);
    const membershipId = granted.body.membershipId as string;
    expect(removed.body.revokedMembershipIds).toEqual([membershipId]);
    expect(await idempotencyRecord(keys.member)).toHaveProperty('responseEnc');

    await drainOutbox(t);
    await t
      .http()
      .delete(`/api/sellers/members/${membershipId}`)
      .set('X-API-Key', apiKey)
      .expect(200);
    await drainOutbox(t);
    await privacy.runRequested();
    expect(
      (await t.connection.collection('memberships').findOne({
        _id: new Types.ObjectId(membershipId),
      }))!.personalDataErasedAt,
    ).toBeInstanceOf(Date);

    for (const [key, path, body] of [
      [keys.member, '/api/sellers/grant-access', grantBody(member)],
      [keys.remove, '/api/sellers/force-remove', removeBody],
    ] as const) {
      const repeat = await post(path, key, body).expect(410);
      expect(repeat.body.error.code).toBe('IDEMPOTENCY_ANSWER_ERASED');
      const record = await idempotencyRecord(key);
      expect(record).toMatchObject({ state: 'completed', answerErasedAt: expect.any(Date) });
      expect(record).not.toHaveProperty('responseEnc');
      expect(record).not.toHaveProperty('subject');
    }
    const replay = await post('/api/sellers/grant-access', keys.bystander, grantBody(bystander));
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.links).toHaveLength(1);
    expect(
      await t.connection.collection('memberships').countDocuments({ telegramUserId: member }),
    ).toBe(0);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
