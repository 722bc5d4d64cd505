import type Stripe from 'stripe';
import {
  invoiceMetadata,
  invoicePaymentIntentId,
  invoiceSubscriptionId,
  isFirstInvoice,
} from './stripe-objects';

const invoice = (fields: Record<string, unknown>): Stripe.Invoice =>
  fields as unknown as Stripe.Invoice;

describe('Stripe invoice readers', () => {
  it('read the subscription and its metadata where current API versions put them', () => {
    const current = invoice({
      parent: { subscription_details: { subscription: 'sub_1', metadata: { paymentId: 'p1' } } },
      payments: { data: [{ payment: { payment_intent: 'pi_1' } }] },
    });
    expect(invoiceSubscriptionId(current)).toBe('sub_1');
    expect(invoiceMetadata(current)).toEqual({ paymentId: 'p1' });
    expect(invoicePaymentIntentId(current)).toBe('pi_1');
  });

  it('fall back to the pre-2025 fields for endpoints pinned to an older version', () => {
    const legacy = invoice({
      parent: null,
      subscription: { id: 'sub_2' },
      subscription_details: { metadata: { paymentId: 'p2' } },
      payment_intent: 'pi_2',
    });
    expect(invoiceSubscriptionId(legacy)).toBe('sub_2');
    expect(invoiceMetadata(legacy)).toEqual({ paymentId: 'p2' });
    expect(invoicePaymentIntentId(legacy)).toBe('pi_2');
  });

  it('tell the first invoice of a subscription from its renewals', () => {
    expect(isFirstInvoice(invoice({ billing_reason: 'subscription_create' }))).toBe(true);
    expect(isFirstInvoice(invoice({ billing_reason: 'subscription_cycle' }))).toBe(false);
  });
});
