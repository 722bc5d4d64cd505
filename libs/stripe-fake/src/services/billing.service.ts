import type { FakeEnv } from '../env';
import { newId } from '../ids';
import type { Customer } from '../objects/customer';
import type { StripeEvent, StripeEventOf } from '../objects/event';
import { markInvoicePaymentFailed, type Invoice } from '../objects/invoice';
import { buildSubscription, type Subscription } from '../objects/subscription';
import type { AccountState, SessionRecord, SubscriptionRecord } from '../state/account-state';
import { addInterval } from '../time';
import type { EventLog } from './event-log';
import type { SubscriptionChangesService } from './subscription-changes.service';
import type { SubscriptionInvoicing } from './subscription-invoicing';

/** A subscription's life on Stripe's side: started by Checkout, renewed or failed each period. */
export class BillingService {
  constructor(
    private readonly env: FakeEnv,
    private readonly events: EventLog,
    private readonly invoicing: SubscriptionInvoicing,
    private readonly changes: SubscriptionChangesService,
  ) {}

  /** A subscription Checkout being paid: the subscription and its first invoice, paid. */
  start(
    account: AccountState,
    input: { record: SessionRecord; customer: Customer; email: string; name: string | null },
  ): { subscription: Subscription; invoice: Invoice; event: StripeEventOf<'invoice.paid'> } {
    const { record, customer } = input;
    const now = this.env.now();
    const recurring = record.lineItems.filter((line) => line.price.recurring !== null);
    const oneTime = record.lineItems.filter((line) => line.price.recurring === null);
    const { interval, interval_count: count } = recurring[0].price.recurring!;
    const subscription = buildSubscription({
      customerId: customer.id,
      currency: record.session.currency,
      items: recurring.map((line) => ({ price: line.price, quantity: line.quantity })),
      periodStart: now,
      periodEnd: addInterval({ fromSeconds: now, interval, count }),
      // Stripe copies subscription_data.metadata to the subscription, not the session's metadata.
      metadata: { ...record.subscriptionData.metadata },
      description: record.subscriptionData.description,
      discountIds: record.couponId ? [newId('discount')] : [],
      paymentMethodId: null,
      now,
    });
    const subscriptionRecord: SubscriptionRecord = {
      subscription,
      periodsStarted: 1,
      couponId: record.couponId,
      customerEmail: input.email,
    };
    account.subscriptions.set(subscription.id, subscriptionRecord);
    const { invoice, paymentIntent } = this.invoicing.bill(account, subscriptionRecord, {
      reason: 'subscription_create',
      // One-time prices bought with the subscription are billed once, on its first invoice.
      oneTimeItems: oneTime.map((line) => ({
        description: line.description,
        unitAmount: line.price.unit_amount,
        priceId: line.price.id,
        productId: line.price.product,
        quantity: line.quantity,
      })),
    });
    this.invoicing.pay(account, invoice, { email: input.email, name: input.name });
    subscription.default_payment_method = paymentIntent?.payment_method ?? null;
    const event = this.events.emit(account, {
      type: 'invoice.paid',
      object: invoice,
      origin: null,
    });
    return { subscription, invoice, event };
  }

  /**
   * The period ends. A subscription set to cancel at period end ends now; an invoice a failed
   * renewal left unpaid is retried and paid; otherwise a new period starts with a paid invoice.
   */
  renew(account: AccountState, subscriptionId: string): StripeEvent[] {
    const record = this.changes.driverRecord(account, subscriptionId);
    const { subscription } = record;
    if (subscription.cancel_at_period_end) {
      return [
        this.changes.end(account, record, { reason: 'cancellation_requested', origin: null }),
      ];
    }
    const payer = this.payer(account, record);
    const unpaid = this.invoicing.unpaidInvoice(account, subscription);
    if (unpaid) {
      const previous = { status: subscription.status };
      this.invoicing.pay(account, unpaid, payer);
      subscription.status = 'active';
      return [
        this.changes.updated(account, subscription, previous, null),
        this.events.emit(account, { type: 'invoice.paid', object: unpaid, origin: null }),
      ];
    }
    const previous = periodSnapshot(subscription);
    const { invoice } = this.invoicing.startNextPeriod(account, record);
    const updated = this.changes.updated(account, subscription, previous, null);
    this.invoicing.pay(account, invoice, payer);
    return [
      updated,
      this.events.emit(account, { type: 'invoice.paid', object: invoice, origin: null }),
    ];
  }

  /** The renewal charge is declined: the invoice stays open and the subscription goes past_due. */
  failRenewal(account: AccountState, subscriptionId: string): StripeEvent[] {
    const record = this.changes.driverRecord(account, subscriptionId);
    const { subscription } = record;
    if (subscription.cancel_at_period_end) {
      return [
        this.changes.end(account, record, { reason: 'cancellation_requested', origin: null }),
      ];
    }
    const now = this.env.now();
    const unpaid = this.invoicing.unpaidInvoice(account, subscription);
    if (unpaid) {
      markInvoicePaymentFailed(unpaid, now);
      return [
        this.events.emit(account, { type: 'invoice.payment_failed', object: unpaid, origin: null }),
      ];
    }
    const previous = { ...periodSnapshot(subscription), status: subscription.status };
    const { invoice } = this.invoicing.startNextPeriod(account, record);
    markInvoicePaymentFailed(invoice, now);
    subscription.status = 'past_due';
    return [
      this.changes.updated(account, subscription, previous, null),
      this.events.emit(account, { type: 'invoice.payment_failed', object: invoice, origin: null }),
    ];
  }

  private payer(
    account: AccountState,
    record: SubscriptionRecord,
  ): { email: string | null; name: string | null } {
    const customer = account.customers.get(record.subscription.customer);
    return { email: record.customerEmail, name: customer?.name ?? null };
  }
}

function periodSnapshot(subscription: Subscription): Record<string, unknown> {
  return {
    current_period_end: subscription.current_period_end,
    current_period_start: subscription.current_period_start,
    latest_invoice: subscription.latest_invoice,
  };
}
