import { invalidRequest, resourceMissing, StripeFakeDriverError } from '../errors';
import type { FakeEnv } from '../env';
import type { Params } from '../http/params';
import {
  buildCheckoutSession,
  buildLineItem,
  type CheckoutSession,
} from '../objects/checkout-session';
import type { Customer } from '../objects/customer';
import type { EventOrigin, StripeEvent, StripeEventOf } from '../objects/event';
import type { AccountState, SessionRecord } from '../state/account-state';
import type { BillingService } from './billing.service';
import type { CatalogService } from './catalog.service';
import { parseCheckoutRequest } from './checkout-request';
import type { EventLog } from './event-log';
import type { PaymentsService } from './payments.service';
import { allocateDiscount, discountAmount } from './pricing';

export interface CompleteCheckoutOptions {
  /** The paying customer's e-mail; defaults to `customer_email` or a placeholder. */
  email?: string;
  name?: string;
  /**
   * Stripe does not order webhooks. By default a subscription's `invoice.paid` comes before
   * `checkout.session.completed` (the invoice is paid while the session is being confirmed);
   * pass 'session_first' to test the other order.
   */
  eventOrder?: 'invoice_first' | 'session_first';
}

/** Checkout Sessions: creation (API), expiry (API or time) and the customer paying (driver). */
export class CheckoutService {
  constructor(
    private readonly env: FakeEnv,
    private readonly events: EventLog,
    private readonly catalog: CatalogService,
    private readonly payments: PaymentsService,
    private readonly billing: BillingService,
  ) {}

  create(account: AccountState, params: Params): CheckoutSession {
    const now = this.env.now();
    const request = parseCheckoutRequest({ account, params, catalog: this.catalog, now });
    const subtotals = request.lines.map((line) => line.price.unit_amount * line.quantity);
    const subtotal = subtotals.reduce((sum, value) => sum + value, 0);
    const discount = discountAmount(request.coupon, subtotal);
    const lineDiscounts = allocateDiscount(subtotals, discount);
    const session = buildCheckoutSession({
      mode: request.mode,
      currency: request.currency,
      amountSubtotal: subtotal,
      amountDiscount: discount,
      couponId: request.coupon?.id ?? null,
      allowPromotionCodes: request.allowPromotionCodes,
      successUrl: request.successUrl,
      cancelUrl: request.cancelUrl,
      clientReferenceId: request.clientReferenceId,
      customerId: request.customer?.id ?? null,
      customerEmail: request.customerEmail,
      customerCreation: request.customerCreation,
      metadata: request.metadata,
      expiresAt: request.expiresAt,
      baseUrl: this.env.baseUrl(),
      now,
    });
    account.sessions.set(session.id, {
      session,
      lineItems: request.lines.map((line, index) =>
        buildLineItem({ ...line, discount: lineDiscounts[index] }),
      ),
      subscriptionData: request.subscriptionData,
      paymentIntentData: request.paymentIntentData,
      couponId: request.coupon?.id ?? null,
    });
    return session;
  }

  record(account: AccountState, sessionId: string): SessionRecord {
    const record = account.sessions.get(sessionId);
    if (!record) {
      throw resourceMissing('checkout.session', sessionId);
    }
    return record;
  }

  expire(
    account: AccountState,
    sessionId: string,
    origin: EventOrigin,
  ): { session: CheckoutSession; event: StripeEventOf<'checkout.session.expired'> } {
    const { session } = this.record(account, sessionId);
    if (session.status !== 'open') {
      throw invalidRequest(
        `Only Checkout Sessions with a status in ["open"] can be expired. This session has status "${session.status}".`,
      );
    }
    session.status = 'expired';
    session.url = null;
    const event = this.events.emit(account, {
      type: 'checkout.session.expired',
      object: session,
      origin,
    });
    return { session, event };
  }

  /** The customer pays on the hosted page. Returns the events Stripe would send, in order. */
  complete(
    account: AccountState,
    sessionId: string,
    options: CompleteCheckoutOptions = {},
  ): StripeEvent[] {
    const record = account.sessions.get(sessionId);
    if (!record) {
      throw new StripeFakeDriverError(`No Checkout Session ${sessionId}`);
    }
    const { session } = record;
    if (session.status !== 'open') {
      throw new StripeFakeDriverError(
        `Checkout Session ${sessionId} is ${session.status}; only an open session can be paid`,
      );
    }
    const existing = session.customer ? account.customers.get(session.customer) : undefined;
    const email =
      options.email ?? session.customer_email ?? existing?.email ?? 'customer@example.com';
    const name = options.name ?? existing?.name ?? null;
    const customer = existing ?? this.customerFor(account, record, { email, name });
    session.customer = customer?.id ?? null;
    session.customer_details = {
      address: null,
      email,
      name,
      phone: null,
      tax_exempt: 'none',
      tax_ids: [],
    };
    const coupon = record.couponId ? account.coupons.get(record.couponId) : undefined;
    if (coupon) {
      coupon.times_redeemed += 1;
      coupon.valid =
        coupon.max_redemptions === null || coupon.times_redeemed < coupon.max_redemptions;
    }

    const emitted: StripeEvent[] = [];
    switch (session.mode) {
      case 'payment':
        this.payForPayment(account, record, { customer, email, name });
        break;
      case 'subscription': {
        if (!customer) {
          throw new Error('a subscription checkout always has a customer');
        }
        const started = this.billing.start(account, { record, customer, email, name });
        session.subscription = started.subscription.id;
        session.invoice = started.invoice.id;
        emitted.push(started.event);
        break;
      }
    }
    session.status = 'complete';
    session.payment_status = session.amount_total === 0 ? 'no_payment_required' : 'paid';
    // The hosted page is gone once paid.
    session.url = null;
    const completed = this.events.emit(account, {
      type: 'checkout.session.completed',
      object: session,
      origin: null,
    });
    const events: StripeEvent[] = [...emitted, completed];
    if (options.eventOrder === 'session_first') {
      events.reverse();
    }
    return events;
  }

  /** Payment mode creates a Customer only on request (Stripe's default is `if_required`). */
  private customerFor(
    account: AccountState,
    record: SessionRecord,
    payer: { email: string; name: string | null },
  ): Customer | null {
    const { session } = record;
    if (session.mode === 'payment' && session.customer_creation !== 'always') {
      return null;
    }
    return this.catalog.addCustomer(account, payer);
  }

  private payForPayment(
    account: AccountState,
    record: SessionRecord,
    payer: { customer: Customer | null; email: string; name: string | null },
  ): void {
    const { session } = record;
    if (session.amount_total === 0) {
      return;
    }
    const paymentIntent = this.payments.open(account, {
      amount: session.amount_total,
      currency: session.currency,
      customerId: payer.customer?.id ?? null,
      email: payer.email,
      description: record.paymentIntentData.description,
      metadata: record.paymentIntentData.metadata,
    });
    this.payments.succeed(account, paymentIntent, payer);
    session.payment_intent = paymentIntent.id;
  }
}
