import type Stripe from 'stripe';

/**
 * Readers for the fields we need from Stripe's webhook objects. Where a field moved between API
 * versions (an invoice's subscription and payment intent moved under `parent` and `payments` in
 * 2025), both places are read, so a webhook endpoint pinned to an older version keeps working.
 */

type Expandable = string | { id: string } | null | undefined;

export function idOf(value: Expandable): string | undefined {
  if (value === null || value === undefined) {
    return undefined;
  }
  return typeof value === 'string' ? value : value.id;
}

interface LegacyInvoiceFields {
  subscription?: Expandable;
  subscription_details?: { metadata?: Stripe.Metadata | null } | null;
  payment_intent?: Expandable;
  payments?: { data?: Array<{ payment?: { payment_intent?: Expandable } }> };
}

export function invoiceSubscriptionId(invoice: Stripe.Invoice): string | undefined {
  const legacy = invoice as Stripe.Invoice & LegacyInvoiceFields;
  return idOf(invoice.parent?.subscription_details?.subscription ?? legacy.subscription);
}

/** The subscription's metadata as the invoice carries it (our paymentId, sellerId, planId). */
export function invoiceMetadata(invoice: Stripe.Invoice): Stripe.Metadata {
  const legacy = invoice as Stripe.Invoice & LegacyInvoiceFields;
  return (
    invoice.parent?.subscription_details?.metadata ?? legacy.subscription_details?.metadata ?? {}
  );
}

export function invoicePaymentIntentId(invoice: Stripe.Invoice): string | undefined {
  const legacy = invoice as Stripe.Invoice & LegacyInvoiceFields;
  return idOf(legacy.payments?.data?.[0]?.payment?.payment_intent ?? legacy.payment_intent);
}

/** Why Stripe made the invoice: `subscription_create` (the first) or `subscription_cycle`... */
export function isFirstInvoice(invoice: Stripe.Invoice): boolean {
  return invoice.billing_reason === 'subscription_create';
}

/** Stripe writes currencies in lower case; ours are ISO upper case. */
export function currencyOf(value: string | null | undefined): string {
  return (value ?? '').toUpperCase();
}

/** Subscription states after which Stripe will not bill again. */
export const ENDED_SUBSCRIPTION_STATUSES: readonly string[] = [
  'canceled',
  'unpaid',
  'incomplete_expired',
];
