import { newId } from '../ids';
import type { Metadata } from './common';
import type { Subscription } from './subscription';

export interface InvoiceLine {
  id: string;
  object: 'line_item';
  amount: number;
  currency: string;
  description: string;
  discount_amounts: Array<{ amount: number; discount: string }>;
  discountable: boolean;
  invoice: string;
  livemode: false;
  metadata: Metadata;
  parent: InvoiceLineParent;
  period: { end: number; start: number };
  pricing: {
    type: 'price_details';
    price_details: { price: string; product: string };
    unit_amount_decimal: string;
  };
  quantity: number;
  subscription: string;
}

/** Recurring items bill through their subscription item; one-time items through an invoice item. */
export type InvoiceLineParent =
  | {
      type: 'subscription_item_details';
      invoice_item_details: null;
      subscription_item_details: {
        invoice_item: null;
        proration: false;
        proration_details: { credited_items: null };
        subscription: string;
        subscription_item: string;
      };
    }
  | {
      type: 'invoice_item_details';
      invoice_item_details: {
        invoice_item: string;
        proration: false;
        proration_details: { credited_items: null };
        subscription: string;
      };
      subscription_item_details: null;
    };

export function buildInvoiceLine(input: {
  invoiceId: string;
  subscription: Subscription;
  source: { subscriptionItemId: string } | 'invoice_item';
  unitAmount: number;
  description: string;
  priceId: string;
  productId: string;
  quantity: number;
  period: { start: number; end: number };
}): InvoiceLine {
  return {
    id: newId('invoiceLine'),
    object: 'line_item',
    amount: input.unitAmount * input.quantity,
    currency: input.subscription.currency,
    description: input.description,
    discount_amounts: [],
    discountable: true,
    invoice: input.invoiceId,
    livemode: false,
    metadata: {},
    parent: lineParent(input.subscription.id, input.source),
    period: { ...input.period },
    pricing: {
      type: 'price_details',
      price_details: { price: input.priceId, product: input.productId },
      unit_amount_decimal: String(input.unitAmount),
    },
    quantity: input.quantity,
    subscription: input.subscription.id,
  };
}

function lineParent(
  subscriptionId: string,
  source: { subscriptionItemId: string } | 'invoice_item',
): InvoiceLineParent {
  const proration = { proration: false as const, proration_details: { credited_items: null } };
  if (source === 'invoice_item') {
    return {
      type: 'invoice_item_details',
      invoice_item_details: {
        invoice_item: newId('invoiceItem'),
        subscription: subscriptionId,
        ...proration,
      },
      subscription_item_details: null,
    };
  }
  return {
    type: 'subscription_item_details',
    invoice_item_details: null,
    subscription_item_details: {
      invoice_item: null,
      subscription: subscriptionId,
      subscription_item: source.subscriptionItemId,
      ...proration,
    },
  };
}
