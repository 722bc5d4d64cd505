import type { FakeEnv } from '../env';
import {
  buildSubscriptionInvoice,
  markInvoicePaid,
  type Invoice,
  type InvoiceBillingReason,
} from '../objects/invoice';
import type { PaymentIntent } from '../objects/payment';
import { setSubscriptionPeriod, type Subscription } from '../objects/subscription';
import type { AccountState, SubscriptionRecord } from '../state/account-state';
import { addInterval } from '../time';
import type { PaymentsService } from './payments.service';
import { couponAppliesToRenewal, discountAmount } from './pricing';

export type OneTimeInvoiceItems = Parameters<typeof buildSubscriptionInvoice>[0]['oneTimeItems'];

/** Invoices for a subscription's periods and the payments that settle them. */
export class SubscriptionInvoicing {
  constructor(
    private readonly env: FakeEnv,
    private readonly payments: PaymentsService,
  ) {}

  /** Moves to the next period and bills it. */
  startNextPeriod(
    account: AccountState,
    record: SubscriptionRecord,
  ): { invoice: Invoice; paymentIntent: PaymentIntent | null } {
    const { subscription } = record;
    const { interval, interval_count: count } = subscription.items.data[0].price.recurring!;
    record.periodsStarted += 1;
    // Counted from the anchor, not the last period end, so a Jan 31 anchor bills Feb 28, then
    // Mar 31 (not Mar 28), as Stripe does.
    const end = addInterval({
      fromSeconds: subscription.billing_cycle_anchor,
      interval,
      count: count * record.periodsStarted,
    });
    setSubscriptionPeriod(subscription, subscription.current_period_end, end);
    return this.bill(account, record, { reason: 'subscription_cycle' });
  }

  /** Creates the open invoice for the current period, and its payment intent if there is a total. */
  bill(
    account: AccountState,
    record: SubscriptionRecord,
    input: { reason: InvoiceBillingReason; oneTimeItems?: OneTimeInvoiceItems },
  ): { invoice: Invoice; paymentIntent: PaymentIntent | null } {
    const { subscription } = record;
    const customer = account.customers.get(subscription.customer)!;
    const subtotal =
      subscription.items.data.reduce(
        (sum, item) => sum + item.price.unit_amount * item.quantity,
        0,
      ) +
      (input.oneTimeItems ?? []).reduce((sum, item) => sum + item.unitAmount * item.quantity, 0);
    const coupon = record.couponId ? account.coupons.get(record.couponId) : undefined;
    const applies =
      coupon !== undefined &&
      (input.reason === 'subscription_create' ||
        couponAppliesToRenewal({
          coupon,
          subscriptionStart: subscription.start_date,
          periodStart: subscription.current_period_start,
        }));
    const discount = applies ? discountAmount(coupon, subtotal) : 0;
    const total = subtotal - discount;
    const paymentIntent =
      total > 0
        ? this.payments.open(account, {
            amount: total,
            currency: subscription.currency,
            customerId: customer.id,
            email: record.customerEmail,
            // Stripe's own descriptions for subscription payments.
            description:
              input.reason === 'subscription_create'
                ? 'Subscription creation'
                : 'Subscription update',
            metadata: {},
          })
        : null;
    const invoice = buildSubscriptionInvoice({
      subscription,
      billingReason: input.reason,
      number: account.nextInvoiceNumber(customer),
      customerEmail: record.customerEmail,
      oneTimeItems: input.oneTimeItems,
      discount: applies ? { amount: discount, discountId: subscription.discounts[0] } : null,
      paymentIntentId: paymentIntent?.id ?? null,
      now: this.env.now(),
    });
    account.invoices.set(invoice.id, invoice);
    subscription.latest_invoice = invoice.id;
    return { invoice, paymentIntent };
  }

  pay(
    account: AccountState,
    invoice: Invoice,
    payer: { email: string | null; name: string | null },
  ): void {
    const paymentIntent = this.intentOf(account, invoice);
    if (paymentIntent) {
      this.payments.succeed(account, paymentIntent, payer);
    }
    markInvoicePaid(invoice, this.env.now());
  }

  /** The latest invoice if a failed renewal left it unpaid. */
  unpaidInvoice(account: AccountState, subscription: Subscription): Invoice | undefined {
    const latest = subscription.latest_invoice
      ? account.invoices.get(subscription.latest_invoice)
      : undefined;
    return latest?.status === 'open' ? latest : undefined;
  }

  intentOf(account: AccountState, invoice: Invoice): PaymentIntent | null {
    const id = invoice.payments.data[0]?.payment.payment_intent;
    return id ? (account.paymentIntents.get(id) ?? null) : null;
  }
}
