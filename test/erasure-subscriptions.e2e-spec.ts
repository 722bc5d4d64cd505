import { eventOfType, stripeClientFor, type StripeFakeServer } from '@app/stripe-fake';
import { PrivacyService } from '../src/privacy/privacy.service';
import { drainOutbox } from './factories/membership.factory';
import {
  checkoutBody,
  createShop,
  createShopPlan,
  type TestPlan,
  type TestShop,
} from './factories/payment-shop.factory';
import { startStripePlatform, type StripePlatform } from './factories/stripe-platform.factory';
import { deliverAll } from './support/stripe-payments';
import type { TelegramTestApp } from './support/telegram-fake';

/** An erased member can no longer be served, so their subscription must stop charging them. */
describe('erasing a subscriber', () => {
  let env: StripePlatform;
  let stripe: StripeFakeServer;
  let t: TelegramTestApp;
  let shop: TestShop;
  let plan: TestPlan;

  beforeAll(async () => {
    env = await startStripePlatform();
    ({ stripe, t } = env);
    shop = await createShop(t, { channels: 1 });
    plan = await createShopPlan(t, shop, { billing: 'recurring', durationDays: 30 });
  });
  afterAll(() => env.close());

  it('cancels the Stripe subscription of a member the seller erases', async () => {
    const telegramUserId = 940_000_000 + (process.pid % 100_000);
    const checkout = await t
      .http()
      .post('/api/checkout')
      .send(checkoutBody(plan.id, { telegramUserId }))
      .expect(201);
    const events = stripe.completeCheckout(checkout.body.checkoutUrl.split('/checkout/')[1]);
    await deliverAll(t, events, { secret: env.platform.webhookSecret });
    const subscriptionId = eventOfType(events, 'checkout.session.completed')!.data.object
      .subscription as string;
    const membership = await t.connection
      .collection('memberships')
      .findOne({ planId: plan.id, telegramUserId });

    await t
      .http()
      .delete(`/api/sellers/members/${String(membership!._id)}`)
      .set('X-API-Key', shop.apiKey)
      .expect(200);
    await drainOutbox(t);
    await t.app.get(PrivacyService).runRequested();

    const client = stripeClientFor(stripe, env.platform.secretKey);
    expect((await client.subscriptions.retrieve(subscriptionId)).status).toBe('canceled');
    // Erasing again (the job runs daily) finds it ended and is still fine.
    await t.app.get(PrivacyService).runRequested();
  });
});
