import { HttpStatus, Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { AppException } from '../../common/errors/app.exception';
import type { PaymentView } from '../payment.types';

/** Stripe bills at most yearly. */
const MAX_INTERVAL_DAYS = 365;

export interface CheckoutSessionInput {
  stripe: Stripe;
  payment: PaymentView;
  successUrl: string;
  cancelUrl: string;
  expiresAt: Date;
}

/**
 * Creates the Stripe Checkout Session of a pending payment, linked both ways: the session names
 * the payment (client_reference_id and metadata), the payment stores the session id.
 *
 * One-off plans use `mode: payment`, recurring plans `mode: subscription` with an inline recurring
 * price of `interval: day, interval_count: <plan days>`, so Stripe's periods are exactly the
 * periods we grant (a calendar month would drift away from a 30-day plan). The subscription's
 * metadata carries the same ids: renewal invoices find their payment through it.
 *
 * Promo codes: a one-off checkout is sent at the discounted unit amount (what the customer pays
 * is what they see). A subscription gets a single-use Stripe coupon of the exact discount with
 * `duration: once`, so only the first invoice is discounted and renewals bill the full price.
 */
@Injectable()
export class StripeCheckoutService {
  async createSession(input: CheckoutSessionInput): Promise<Stripe.Checkout.Session> {
    const { stripe, payment } = input;
    const metadata = {
      paymentId: payment.id,
      sellerId: payment.sellerId,
      planId: payment.planId,
    };
    const common = {
      client_reference_id: payment.id,
      metadata,
      success_url: input.successUrl,
      cancel_url: input.cancelUrl,
      expires_at: Math.floor(input.expiresAt.getTime() / 1000),
      ...(payment.customer.email ? { customer_email: payment.customer.email } : {}),
    };
    const product = { name: payment.plan.name.slice(0, 250) };
    const currency = payment.currency.toLowerCase();
    const options = { idempotencyKey: `checkout:${payment.id}` };
    if (payment.plan.billing === 'one_off') {
      return stripe.checkout.sessions.create(
        {
          ...common,
          mode: 'payment',
          line_items: [
            {
              price_data: { currency, unit_amount: payment.amountMinor, product_data: product },
              quantity: 1,
            },
          ],
          payment_intent_data: { metadata },
        },
        options,
      );
    }
    const coupon =
      payment.discountMinor > 0
        ? await stripe.coupons.create(
            {
              amount_off: payment.discountMinor,
              currency,
              duration: 'once',
              max_redemptions: 1,
            },
            { idempotencyKey: `coupon:${payment.id}` },
          )
        : undefined;
    return stripe.checkout.sessions.create(
      {
        ...common,
        mode: 'subscription',
        line_items: [
          {
            price_data: {
              currency,
              unit_amount: payment.plan.priceMinor,
              product_data: product,
              recurring: { interval: 'day', interval_count: billingDays(payment) },
            },
            quantity: 1,
          },
        ],
        subscription_data: { metadata },
        ...(coupon ? { discounts: [{ coupon: coupon.id }] } : {}),
      },
      options,
    );
  }
}

/** The plan's period in days, or 422 when Stripe cannot bill it as a subscription. */
export function billingDays(payment: Pick<PaymentView, 'plan'>): number {
  const days = payment.plan.durationDays;
  if (days === null || days > MAX_INTERVAL_DAYS) {
    throw new AppException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'PLAN_NOT_BILLABLE',
      `Stripe subscriptions renew every 1 to ${MAX_INTERVAL_DAYS} days: this plan cannot be sold as a card subscription`,
    );
  }
  return days;
}
