import { newId } from '../ids';
import { apiList, type ApiList, type Metadata } from './common';
import { buildInvoiceLine, type InvoiceLine } from './invoice-line';
import type { Subscription } from './subscription';

export type InvoiceStatus = 'open' | 'paid';
export type InvoiceBillingReason = 'subscription_create' | 'subscription_cycle';

export interface InvoicePayment {
  id: string;
  object: 'invoice_payment';
  amount_paid: number | null;
  amount_requested: number;
  created: number;
  currency: string;
  invoice: string;
  is_default: boolean;
  livemode: false;
  payment: { type: 'payment_intent'; payment_intent: string };
  status: 'open' | 'paid';
  status_transitions: { canceled_at: null; paid_at: number | null };
}

export interface Invoice {
  id: string;
  object: 'invoice';
  amount_due: number;
  amount_paid: number;
  amount_remaining: number;
  attempt_count: number;
  attempted: boolean;
  billing_reason: InvoiceBillingReason;
  collection_method: 'charge_automatically';
  created: number;
  currency: string;
  customer: string;
  customer_email: string | null;
  discounts: string[];
  hosted_invoice_url: string;
  invoice_pdf: string;
  lines: ApiList<InvoiceLine>;
  livemode: false;
  metadata: Metadata;
  next_payment_attempt: number | null;
  number: string;
  /** Where current API versions say which subscription billed this invoice. */
  parent: {
    type: 'subscription_details';
    quote_details: null;
    subscription_details: { metadata: Metadata; subscription: string };
  };
  /** Always expanded here (Stripe needs `expand[]=payments`) so tests can find the intent to refund. */
  payments: ApiList<InvoicePayment>;
  period_end: number;
  period_start: number;
  status: InvoiceStatus;
  status_transitions: {
    finalized_at: number;
    marked_uncollectible_at: null;
    paid_at: number | null;
    voided_at: null;
  };
  subtotal: number;
  /** Pre-2025 location of the subscription id and its metadata, kept for older readers. */
  subscription: string;
  subscription_details: { metadata: Metadata };
  total: number;
  total_discount_amounts: Array<{ amount: number; discount: string }>;
}

/**
 * A finalized subscription invoice, open (awaiting payment) until `markInvoicePaid`. The period
 * is the subscription's current one; one line per subscription item.
 */
export function buildSubscriptionInvoice(input: {
  subscription: Subscription;
  billingReason: InvoiceBillingReason;
  number: string;
  customerEmail: string | null;
  /** One-time prices bought with a new subscription are billed on its first invoice only. */
  oneTimeItems?: Array<{
    description: string;
    unitAmount: number;
    priceId: string;
    productId: string;
    quantity: number;
  }>;
  discount: { amount: number; discountId: string } | null;
  /** Null for a zero-total invoice: Stripe takes no payment for it. */
  paymentIntentId: string | null;
  now: number;
}): Invoice {
  const { subscription } = input;
  const id = newId('invoice');
  const period = { start: subscription.current_period_start, end: subscription.current_period_end };
  const lines = subscription.items.data.map((item) =>
    buildInvoiceLine({
      invoiceId: id,
      subscription,
      source: { subscriptionItemId: item.id },
      unitAmount: item.price.unit_amount,
      description: `${item.quantity} × ${item.price.product} (at ${item.price.unit_amount} / ${item.price.recurring?.interval ?? 'once'})`,
      priceId: item.price.id,
      productId: item.price.product,
      quantity: item.quantity,
      period,
    }),
  );
  for (const item of input.oneTimeItems ?? []) {
    lines.push(
      buildInvoiceLine({ invoiceId: id, subscription, source: 'invoice_item', period, ...item }),
    );
  }
  const subtotal = lines.reduce((sum, current) => sum + current.amount, 0);
  const discountAmount = Math.min(input.discount?.amount ?? 0, subtotal);
  const total = subtotal - discountAmount;
  const metadata = { ...subscription.metadata };
  return {
    id,
    object: 'invoice',
    amount_due: total,
    amount_paid: 0,
    amount_remaining: total,
    attempt_count: 0,
    attempted: false,
    billing_reason: input.billingReason,
    collection_method: 'charge_automatically',
    created: input.now,
    currency: subscription.currency,
    customer: subscription.customer,
    customer_email: input.customerEmail,
    discounts: input.discount ? [input.discount.discountId] : [],
    hosted_invoice_url: `https://invoice.stripe.com/i/${id}`,
    invoice_pdf: `https://pay.stripe.com/invoice/${id}/pdf`,
    lines: apiList(`/v1/invoices/${id}/lines`, lines),
    livemode: false,
    metadata: {},
    next_payment_attempt: null,
    number: input.number,
    parent: {
      type: 'subscription_details',
      quote_details: null,
      subscription_details: { metadata, subscription: subscription.id },
    },
    payments: apiList(
      `/v1/invoice_payments?invoice=${id}`,
      input.paymentIntentId === null
        ? []
        : [
            {
              id: newId('invoicePayment'),
              object: 'invoice_payment',
              amount_paid: null,
              amount_requested: total,
              created: input.now,
              currency: subscription.currency,
              invoice: id,
              is_default: true,
              livemode: false,
              payment: { type: 'payment_intent', payment_intent: input.paymentIntentId },
              status: 'open',
              status_transitions: { canceled_at: null, paid_at: null },
            },
          ],
    ),
    period_end: period.end,
    period_start: period.start,
    status: 'open',
    status_transitions: {
      finalized_at: input.now,
      marked_uncollectible_at: null,
      paid_at: null,
      voided_at: null,
    },
    subtotal,
    subscription: subscription.id,
    subscription_details: { metadata: { ...metadata } },
    total,
    total_discount_amounts: input.discount
      ? [{ amount: discountAmount, discount: input.discount.discountId }]
      : [],
  };
}

export function markInvoicePaid(invoice: Invoice, now: number): void {
  invoice.status = 'paid';
  invoice.amount_paid = invoice.amount_due;
  invoice.amount_remaining = 0;
  invoice.attempt_count += 1;
  invoice.attempted = true;
  invoice.next_payment_attempt = null;
  invoice.status_transitions.paid_at = now;
  for (const payment of invoice.payments.data) {
    payment.status = 'paid';
    payment.amount_paid = invoice.amount_due;
    payment.status_transitions.paid_at = now;
  }
}

/** A failed charge attempt; Stripe's smart retries would try again in a few days. */
export function markInvoicePaymentFailed(invoice: Invoice, now: number): void {
  invoice.attempt_count += 1;
  invoice.attempted = true;
  invoice.next_payment_attempt = now + 3 * 86_400;
}
