import { newId } from '../ids';
import type { RecurringInterval } from '../time';
import type { Metadata } from './common';

export interface Product {
  id: string;
  object: 'product';
  active: boolean;
  created: number;
  description: string | null;
  livemode: false;
  metadata: Metadata;
  name: string;
  updated: number;
}

export interface PriceRecurring {
  interval: RecurringInterval;
  interval_count: number;
  meter: null;
  trial_period_days: null;
  usage_type: 'licensed';
}

export interface Price {
  id: string;
  object: 'price';
  active: boolean;
  billing_scheme: 'per_unit';
  created: number;
  currency: string;
  livemode: false;
  lookup_key: null;
  metadata: Metadata;
  nickname: null;
  product: string;
  recurring: PriceRecurring | null;
  tax_behavior: 'unspecified';
  type: 'one_time' | 'recurring';
  unit_amount: number;
  unit_amount_decimal: string;
}

export function buildProduct(input: {
  name: string;
  description?: string;
  metadata?: Metadata;
  now: number;
}): Product {
  return {
    id: newId('product'),
    object: 'product',
    active: true,
    created: input.now,
    description: input.description ?? null,
    livemode: false,
    metadata: input.metadata ?? {},
    name: input.name,
    updated: input.now,
  };
}

export function buildPrice(input: {
  currency: string;
  unitAmount: number;
  productId: string;
  recurring?: { interval: RecurringInterval; intervalCount: number };
  metadata?: Metadata;
  /** Prices made from `price_data` are inline and inactive in Stripe: they cannot be reused. */
  active: boolean;
  now: number;
}): Price {
  return {
    id: newId('price'),
    object: 'price',
    active: input.active,
    billing_scheme: 'per_unit',
    created: input.now,
    currency: input.currency,
    livemode: false,
    lookup_key: null,
    metadata: input.metadata ?? {},
    nickname: null,
    product: input.productId,
    recurring: input.recurring
      ? {
          interval: input.recurring.interval,
          interval_count: input.recurring.intervalCount,
          meter: null,
          trial_period_days: null,
          usage_type: 'licensed',
        }
      : null,
    tax_behavior: 'unspecified',
    type: input.recurring ? 'recurring' : 'one_time',
    unit_amount: input.unitAmount,
    unit_amount_decimal: String(input.unitAmount),
  };
}
