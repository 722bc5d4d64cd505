import { newId } from '../ids';
import type { Price } from './catalog';
import { apiList, type ApiList, type Metadata } from './common';

export type SubscriptionStatus = 'active' | 'past_due' | 'canceled';
export type CancellationReason = 'cancellation_requested' | 'payment_failed';

export interface SubscriptionItem {
  id: string;
  object: 'subscription_item';
  created: number;
  current_period_end: number;
  current_period_start: number;
  discounts: string[];
  metadata: Metadata;
  price: Price;
  quantity: number;
  subscription: string;
  tax_rates: [];
}

export interface Subscription {
  id: string;
  object: 'subscription';
  billing_cycle_anchor: number;
  cancel_at: number | null;
  cancel_at_period_end: boolean;
  canceled_at: number | null;
  cancellation_details: {
    comment: string | null;
    feedback: null;
    reason: CancellationReason | null;
  };
  collection_method: 'charge_automatically';
  created: number;
  currency: string;
  /**
   * Moved to the items in API 2025-03-31 ("basil"); kept at the top level too because much
   * existing code (and the brief for this fake) still reads it here.
   */
  current_period_end: number;
  current_period_start: number;
  customer: string;
  default_payment_method: string | null;
  description: string | null;
  discounts: string[];
  ended_at: number | null;
  items: ApiList<SubscriptionItem>;
  latest_invoice: string | null;
  livemode: false;
  metadata: Metadata;
  start_date: number;
  status: SubscriptionStatus;
  trial_end: null;
  trial_start: null;
}

export function buildSubscription(input: {
  customerId: string;
  currency: string;
  items: Array<{ price: Price; quantity: number }>;
  periodStart: number;
  periodEnd: number;
  metadata: Metadata;
  description: string | null;
  discountIds: string[];
  paymentMethodId: string | null;
  now: number;
}): Subscription {
  const id = newId('subscription');
  const items = input.items.map((item): SubscriptionItem => ({
    id: newId('subscriptionItem'),
    object: 'subscription_item',
    created: input.now,
    current_period_end: input.periodEnd,
    current_period_start: input.periodStart,
    discounts: [],
    metadata: {},
    price: item.price,
    quantity: item.quantity,
    subscription: id,
    tax_rates: [],
  }));
  return {
    id,
    object: 'subscription',
    billing_cycle_anchor: input.periodStart,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, reason: null },
    collection_method: 'charge_automatically',
    created: input.now,
    currency: input.currency,
    current_period_end: input.periodEnd,
    current_period_start: input.periodStart,
    customer: input.customerId,
    default_payment_method: input.paymentMethodId,
    description: input.description,
    discounts: input.discountIds,
    ended_at: null,
    items: apiList(`/v1/subscription_items?subscription=${id}`, items),
    latest_invoice: null,
    livemode: false,
    metadata: input.metadata,
    start_date: input.now,
    status: 'active',
    trial_end: null,
    trial_start: null,
  };
}

/** Moves the subscription and each item to a new period; both places carry it (see above). */
export function setSubscriptionPeriod(
  subscription: Subscription,
  start: number,
  end: number,
): void {
  subscription.current_period_start = start;
  subscription.current_period_end = end;
  for (const item of subscription.items.data) {
    item.current_period_start = start;
    item.current_period_end = end;
  }
}
