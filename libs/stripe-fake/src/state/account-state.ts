import { newId } from '../ids';
import type { Price, Product } from '../objects/catalog';
import type { CheckoutLineItem, CheckoutSession } from '../objects/checkout-session';
import type { Metadata } from '../objects/common';
import type { Coupon } from '../objects/coupon';
import type { Customer } from '../objects/customer';
import type { ApiObject, StripeEvent } from '../objects/event';
import type { Invoice } from '../objects/invoice';
import type { Charge, PaymentIntent, Refund } from '../objects/payment';
import type { Subscription } from '../objects/subscription';

/** A Checkout Session plus what it was created with but does not show (Stripe keeps these too). */
export interface SessionRecord {
  session: CheckoutSession;
  lineItems: CheckoutLineItem[];
  subscriptionData: { metadata: Metadata; description: string | null };
  paymentIntentData: { metadata: Metadata; description: string | null };
  couponId: string | null;
}

export interface SubscriptionRecord {
  subscription: Subscription;
  /** Periods begun so far, the first included; period n ends n intervals after the anchor. */
  periodsStarted: number;
  couponId: string | null;
  customerEmail: string | null;
}

/**
 * Everything one secret key can see. Each key is its own Stripe account: the platform key and
 * every seller's own key have separate objects, so a lookup with the wrong key fails as it would
 * in production.
 */
export class AccountState {
  readonly id = newId('account');
  readonly sessions = new Map<string, SessionRecord>();
  readonly paymentIntents = new Map<string, PaymentIntent>();
  readonly charges = new Map<string, Charge>();
  readonly refunds = new Map<string, Refund>();
  readonly customers = new Map<string, Customer>();
  readonly subscriptions = new Map<string, SubscriptionRecord>();
  readonly invoices = new Map<string, Invoice>();
  readonly coupons = new Map<string, Coupon>();
  readonly products = new Map<string, Product>();
  readonly prices = new Map<string, Price>();
  /** In creation order, which is the order Stripe would send them. */
  readonly events: StripeEvent[] = [];
  private readonly invoiceCounts = new Map<string, number>();

  /** Finds any stored object by id, as `expand[]` and the drivers need. */
  find(id: string): ApiObject | StripeEvent | undefined {
    const [, prefix] = /^([a-z]+_(?:test_)?)/.exec(id) ?? [];
    switch (prefix) {
      case 'cs_test_':
        return this.sessions.get(id)?.session;
      case 'pi_':
        return this.paymentIntents.get(id);
      case 'ch_':
        return this.charges.get(id);
      case 're_':
        return this.refunds.get(id);
      case 'cus_':
        return this.customers.get(id);
      case 'sub_':
        return this.subscriptions.get(id)?.subscription;
      case 'in_':
        return this.invoices.get(id);
      case 'prod_':
        return this.products.get(id);
      case 'price_':
        return this.prices.get(id);
      case 'evt_':
        return this.events.find((event) => event.id === id);
      default:
        // Coupon ids are free-form, so they are the fallback.
        return this.coupons.get(id);
    }
  }

  /** Invoice numbers run per customer: PREFIX-0001, PREFIX-0002, … */
  nextInvoiceNumber(customer: Customer): string {
    const next = (this.invoiceCounts.get(customer.id) ?? 0) + 1;
    this.invoiceCounts.set(customer.id, next);
    return `${customer.invoice_prefix}-${String(next).padStart(4, '0')}`;
  }
}
