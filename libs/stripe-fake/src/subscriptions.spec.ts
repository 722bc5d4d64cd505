import Stripe from 'stripe';
import { stripeClientFor } from './client';
import { eventOfType, type StripeEvent } from './objects/event';
import { StripeFakeServer } from './stripe-fake.server';
import { newSecretKey, recurringLine, subscriptionSessionParams } from './testing/fixtures';

const START = Date.parse('2026-01-31T09:00:00Z') / 1000;
const FEB_28 = Date.parse('2026-02-28T09:00:00Z') / 1000;
const MAR_31 = Date.parse('2026-03-31T09:00:00Z') / 1000;

describe('stripe-fake subscriptions, through the real SDK', () => {
  let fake: StripeFakeServer;
  let stripe: Stripe;
  let now = new Date(START * 1000);

  beforeAll(async () => {
    fake = await StripeFakeServer.start({ clock: () => now });
  });
  afterAll(() => fake.stop());
  beforeEach(() => {
    now = new Date(START * 1000);
    stripe = stripeClientFor(fake, newSecretKey());
  });

  const subscribe = async (
    overrides: Partial<Stripe.Checkout.SessionCreateParams> = {},
  ): Promise<{
    session: Stripe.Checkout.Session;
    events: StripeEvent[];
    subscriptionId: string;
  }> => {
    const session = await stripe.checkout.sessions.create(subscriptionSessionParams(overrides));
    const events = fake.completeCheckout(session.id);
    const completed = eventOfType(events, 'checkout.session.completed')!;
    return { session, events, subscriptionId: completed.data.object.subscription! };
  };

  it('completes a subscription Checkout: invoice.paid then checkout.session.completed', async () => {
    const { session, events, subscriptionId } = await subscribe();

    expect(events.map((event) => event.type)).toEqual([
      'invoice.paid',
      'checkout.session.completed',
    ]);
    const completed = eventOfType(events, 'checkout.session.completed')!.data.object;
    expect(completed).toMatchObject({
      id: session.id,
      mode: 'subscription',
      status: 'complete',
      payment_status: 'paid',
      amount_total: 1000,
      metadata: { paymentId: 'pay_9' },
      customer: expect.stringMatching(/^cus_/),
      subscription: expect.stringMatching(/^sub_/),
      invoice: expect.stringMatching(/^in_/),
    });
    const invoice = eventOfType(events, 'invoice.paid')!.data.object;
    expect(invoice).toMatchObject({
      billing_reason: 'subscription_create',
      status: 'paid',
      amount_paid: 1000,
      customer: completed.customer,
      subscription: subscriptionId,
      subscription_details: { metadata: { paymentId: 'pay_9', planId: 'plan_1' } },
      parent: {
        type: 'subscription_details',
        subscription_details: {
          subscription: subscriptionId,
          metadata: { paymentId: 'pay_9', planId: 'plan_1' },
        },
      },
      period_start: START,
      period_end: FEB_28,
      lines: {
        data: [expect.objectContaining({ amount: 1000, period: { start: START, end: FEB_28 } })],
      },
    });

    const subscription = await stripe.subscriptions.retrieve(subscriptionId, {
      expand: ['latest_invoice', 'customer'],
    });
    expect(subscription).toMatchObject({
      object: 'subscription',
      status: 'active',
      customer: expect.objectContaining({ object: 'customer', email: 'member@example.com' }),
      metadata: { paymentId: 'pay_9', planId: 'plan_1' },
      current_period_start: START,
      current_period_end: FEB_28,
      latest_invoice: expect.objectContaining({ id: invoice.id, status: 'paid' }),
      items: {
        data: [
          expect.objectContaining({ current_period_start: START, current_period_end: FEB_28 }),
        ],
      },
    });
  });

  it('can deliver the session before the invoice when asked', async () => {
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      line_items: [recurringLine({ unitAmount: 700, interval: 'week' })],
      success_url: 'https://bot.test/ok',
    });

    const events = fake.completeCheckout(session.id, { eventOrder: 'session_first' });

    expect(events.map((event) => event.type)).toEqual([
      'checkout.session.completed',
      'invoice.paid',
    ]);
  });

  it('renews: advances the period on the calendar and pays a subscription_cycle invoice', async () => {
    const { subscriptionId } = await subscribe();

    const first = fake.renewSubscription(subscriptionId);
    const second = fake.renewSubscription(subscriptionId);

    expect(first.map((event) => event.type)).toEqual([
      'customer.subscription.updated',
      'invoice.paid',
    ]);
    expect(
      eventOfType(first, 'customer.subscription.updated')!.data.previous_attributes,
    ).toMatchObject({
      current_period_start: START,
      current_period_end: FEB_28,
    });
    const renewal = eventOfType(second, 'invoice.paid')!.data.object;
    expect(renewal).toMatchObject({
      billing_reason: 'subscription_cycle',
      amount_paid: 1000,
      period_start: MAR_31,
      subscription_details: { metadata: { paymentId: 'pay_9', planId: 'plan_1' } },
    });
    const subscription = await stripe.subscriptions.retrieve(subscriptionId);
    expect(subscription).toMatchObject({
      current_period_start: MAR_31,
      current_period_end: Date.parse('2026-04-30T09:00:00Z') / 1000,
      latest_invoice: renewal.id,
      status: 'active',
    });
  });

  it('fails a renewal (past_due, invoice open), retries it, then recovers on the next success', async () => {
    const { subscriptionId } = await subscribe();

    const failed = fake.failRenewal(subscriptionId);
    const failedAgain = fake.failRenewal(subscriptionId);
    expect(failed.map((event) => event.type)).toEqual([
      'customer.subscription.updated',
      'invoice.payment_failed',
    ]);
    const openInvoice = eventOfType(failedAgain, 'invoice.payment_failed')!.data.object;
    expect(openInvoice).toMatchObject({
      status: 'open',
      attempt_count: 2,
      amount_paid: 0,
      billing_reason: 'subscription_cycle',
      subscription_details: { metadata: { paymentId: 'pay_9', planId: 'plan_1' } },
    });
    expect((await stripe.subscriptions.retrieve(subscriptionId)).status).toBe('past_due');

    const recovered = fake.renewSubscription(subscriptionId);

    expect(eventOfType(recovered, 'invoice.paid')!.data.object).toMatchObject({
      id: openInvoice.id,
      status: 'paid',
    });
    expect(
      eventOfType(recovered, 'customer.subscription.updated')!.data.previous_attributes,
    ).toEqual({
      status: 'past_due',
    });
    const subscription = await stripe.subscriptions.retrieve(subscriptionId);
    // The failed attempt already moved the period; paying it late does not move it again.
    expect(subscription).toMatchObject({ status: 'active', current_period_start: FEB_28 });
  });

  it('cancels at period end through the API, then ends the subscription when the period ends', async () => {
    const { subscriptionId } = await subscribe();

    const updated = await stripe.subscriptions.update(subscriptionId, {
      cancel_at_period_end: true,
      metadata: { note: 'leaving' },
    });

    expect(updated).toMatchObject({
      status: 'active',
      cancel_at_period_end: true,
      cancel_at: FEB_28,
    });
    expect(updated.metadata).toEqual({ paymentId: 'pay_9', planId: 'plan_1', note: 'leaving' });
    const [apiEvent] = fake
      .events({ type: 'customer.subscription.updated' })
      .filter(
        (event) =>
          event.type === 'customer.subscription.updated' && event.data.object.id === subscriptionId,
      );
    expect(apiEvent.request.id).toMatch(/^req_/);
    expect(apiEvent.data.previous_attributes).toMatchObject({ cancel_at_period_end: false });

    const ended = fake.renewSubscription(subscriptionId);

    expect(ended.map((event) => event.type)).toEqual(['customer.subscription.deleted']);
    expect(eventOfType(ended, 'customer.subscription.deleted')!.data.object).toMatchObject({
      status: 'canceled',
      cancellation_details: { reason: 'cancellation_requested' },
    });
    expect(() => fake.renewSubscription(subscriptionId)).toThrow(/canceled/);
  });

  it('cancels now through DELETE and refuses to cancel twice', async () => {
    const { subscriptionId } = await subscribe();

    const canceled = await stripe.subscriptions.cancel(subscriptionId);

    expect(canceled).toMatchObject({ status: 'canceled', ended_at: START, canceled_at: START });
    await expect(stripe.subscriptions.cancel(subscriptionId)).rejects.toBeInstanceOf(
      Stripe.errors.StripeInvalidRequestError,
    );
    expect(
      fake
        .events({ type: 'customer.subscription.deleted' })
        .some(
          (event) =>
            event.type === 'customer.subscription.deleted' &&
            event.data.object.id === subscriptionId,
        ),
    ).toBe(true);
  });

  it('lets the customer cancel from the portal, now or at period end', async () => {
    const now1 = await subscribe();
    const later = await subscribe();

    const deleted = fake.cancelSubscription(now1.subscriptionId);
    const updated = fake.cancelSubscription(later.subscriptionId, { atPeriodEnd: true });

    expect(deleted.map((event) => event.type)).toEqual(['customer.subscription.deleted']);
    expect(updated.map((event) => event.type)).toEqual(['customer.subscription.updated']);
    expect(eventOfType(updated, 'customer.subscription.updated')!.data.object).toMatchObject({
      cancel_at_period_end: true,
      status: 'active',
    });
  });

  it('bills one-time items with the first invoice only', async () => {
    const { session, events, subscriptionId } = await subscribe({
      line_items: [
        recurringLine({ unitAmount: 1000 }),
        {
          price_data: { currency: 'usd', unit_amount: 2500, product_data: { name: 'Joining fee' } },
          quantity: 1,
        },
      ],
    });

    expect(session.amount_total).toBe(3500);
    expect(eventOfType(events, 'invoice.paid')!.data.object.lines.data).toHaveLength(2);
    expect(
      eventOfType(fake.renewSubscription(subscriptionId), 'invoice.paid')!.data.object.amount_paid,
    ).toBe(1000);
  });

  it('refunds a subscription payment through the intent on the invoice', async () => {
    const { events } = await subscribe();
    const invoice = eventOfType(events, 'invoice.paid')!.data.object;
    const paymentIntentId = invoice.payments.data[0].payment.payment_intent;

    const refund = await stripe.refunds.create({ payment_intent: paymentIntentId });

    expect(refund.amount).toBe(1000);
  });

  it('refuses subscription mode without a recurring price', async () => {
    await expect(
      subscribe({
        line_items: [
          {
            price_data: { currency: 'usd', unit_amount: 100, product_data: { name: 'x' } },
            quantity: 1,
          },
        ],
      }),
    ).rejects.toThrow(/at least one recurring price/);
  });
});
