import { invalidRequest, missingParam, resourceMissing } from '../errors';
import { createMetadata, type Params } from '../http/params';
import type { Price } from '../objects/catalog';
import {
  CHECKOUT_MODES,
  CUSTOMER_CREATIONS,
  type CheckoutMode,
  type CustomerCreation,
} from '../objects/checkout-session';
import type { Metadata } from '../objects/common';
import { isCouponRedeemable, type Coupon } from '../objects/coupon';
import type { Customer } from '../objects/customer';
import type { AccountState } from '../state/account-state';
import type { CatalogService } from './catalog.service';

/**
 * Params `POST /v1/checkout/sessions` accepts. The first group is modelled; the second is real
 * Stripe display/collection options that are accepted and ignored because they do not change
 * what the product sees. Anything else is refused with `parameter_unknown`.
 */
const SESSION_PARAMS = [
  'mode',
  'line_items',
  'success_url',
  'cancel_url',
  'client_reference_id',
  'customer',
  'customer_email',
  'customer_creation',
  'metadata',
  'subscription_data',
  'payment_intent_data',
  'discounts',
  'allow_promotion_codes',
  'expires_at',
  'ui_mode',
  // Accepted, not modelled:
  'locale',
  'payment_method_types',
  'billing_address_collection',
  'phone_number_collection',
  'submit_type',
  'custom_text',
  'consent_collection',
  'tax_id_collection',
  'automatic_tax',
];
const LINE_ITEM_PARAMS = ['price', 'price_data', 'quantity', 'adjustable_quantity', 'tax_rates'];
const SUBSCRIPTION_DATA_PARAMS = ['metadata', 'description'];
const PAYMENT_INTENT_DATA_PARAMS = ['metadata', 'description', 'receipt_email'];
const DISCOUNT_PARAMS = ['coupon'];

// Stripe: expires_at must fall between 30 minutes and 24 hours after creation.
const MIN_EXPIRY_SECONDS = 30 * 60;
const MAX_EXPIRY_SECONDS = 24 * 60 * 60;

export interface CheckoutRequest {
  mode: CheckoutMode;
  lines: Array<{ price: Price; quantity: number; productName: string }>;
  currency: string;
  successUrl: string;
  cancelUrl: string | null;
  clientReferenceId: string | null;
  customer: Customer | null;
  customerEmail: string | null;
  customerCreation: CustomerCreation | null;
  metadata: Metadata;
  subscriptionData: { metadata: Metadata; description: string | null };
  paymentIntentData: { metadata: Metadata; description: string | null };
  coupon: Coupon | null;
  allowPromotionCodes: boolean | null;
  expiresAt: number;
}

/** Reads and validates a Checkout Session request the way Stripe does, with Stripe's wording. */
export function parseCheckoutRequest(input: {
  account: AccountState;
  params: Params;
  catalog: CatalogService;
  now: number;
}): CheckoutRequest {
  const { account, params, catalog, now } = input;
  params.allowOnly(SESSION_PARAMS);
  const mode = params.requireEnum('mode', CHECKOUT_MODES);
  const uiMode = params.optionalString('ui_mode');
  if (uiMode !== undefined && uiMode !== 'hosted') {
    throw invalidRequest('stripe-fake models only ui_mode=hosted.', { param: 'ui_mode' });
  }
  const successUrl = params.requireString('success_url');

  const items = params.objectList('line_items');
  if (items.length === 0) {
    throw missingParam('line_items');
  }
  const lines = items.map((item) => {
    item.allowOnly(LINE_ITEM_PARAMS);
    const price = linePrice(account, item, catalog);
    const quantity = item.requireInteger('quantity');
    if (quantity < 1) {
      throw invalidRequest('Invalid positive integer', { param: item.path('quantity') });
    }
    const productName = account.products.get(price.product)?.name ?? price.product;
    return { price, quantity, productName };
  });
  const currency = lines[0].price.currency;
  if (lines.some((line) => line.price.currency !== currency)) {
    throw invalidRequest('All line items must use the same currency.', { param: 'line_items' });
  }
  checkRecurringMix(
    mode,
    lines.map((line) => line.price),
  );

  const subscriptionDataParams = params.optionalObject('subscription_data');
  if (subscriptionDataParams && mode !== 'subscription') {
    throw invalidRequest('You can only specify `subscription_data` in `subscription` mode.', {
      param: 'subscription_data',
    });
  }
  subscriptionDataParams?.allowOnly(SUBSCRIPTION_DATA_PARAMS);
  const paymentIntentDataParams = params.optionalObject('payment_intent_data');
  if (paymentIntentDataParams && mode !== 'payment') {
    throw invalidRequest('You can not pass `payment_intent_data` in `subscription` mode.', {
      param: 'payment_intent_data',
    });
  }
  paymentIntentDataParams?.allowOnly(PAYMENT_INTENT_DATA_PARAMS);

  const customerId = params.optionalString('customer');
  const customerEmail = params.optionalString('customer_email') ?? null;
  if (customerId !== undefined && customerEmail !== null) {
    throw invalidRequest('You may only specify one of these parameters: customer, customer_email.');
  }
  const customer = customerId !== undefined ? account.customers.get(customerId) : null;
  if (customer === undefined) {
    throw resourceMissing('customer', customerId ?? '', 'customer');
  }
  const customerCreation = params.optionalEnum('customer_creation', CUSTOMER_CREATIONS);
  if (customerCreation !== undefined && mode !== 'payment') {
    throw invalidRequest('`customer_creation` can only be used in `payment` mode.', {
      param: 'customer_creation',
    });
  }

  const allowPromotionCodes = params.optionalBoolean('allow_promotion_codes') ?? null;
  const coupon = parseDiscount({ account, params, currency, now });
  if (coupon && allowPromotionCodes !== null) {
    throw invalidRequest(
      'You may only specify one of these parameters: allow_promotion_codes, discounts.',
    );
  }

  const expiresAt = params.optionalInteger('expires_at') ?? now + MAX_EXPIRY_SECONDS;
  if (expiresAt < now + MIN_EXPIRY_SECONDS) {
    throw invalidRequest(
      'The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.',
      { param: 'expires_at' },
    );
  }
  if (expiresAt > now + MAX_EXPIRY_SECONDS) {
    throw invalidRequest(
      'The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.',
      { param: 'expires_at' },
    );
  }

  return {
    mode,
    lines,
    currency,
    successUrl,
    cancelUrl: params.optionalString('cancel_url') ?? null,
    clientReferenceId: params.optionalString('client_reference_id') ?? null,
    customer,
    customerEmail,
    customerCreation: customerCreation ?? (mode === 'payment' ? 'if_required' : null),
    metadata: createMetadata(params.optionalMetadata()),
    subscriptionData: {
      metadata: createMetadata(subscriptionDataParams?.optionalMetadata()),
      description: subscriptionDataParams?.optionalString('description') ?? null,
    },
    paymentIntentData: {
      metadata: createMetadata(paymentIntentDataParams?.optionalMetadata()),
      description: paymentIntentDataParams?.optionalString('description') ?? null,
    },
    coupon,
    allowPromotionCodes,
    expiresAt,
  };
}

function linePrice(account: AccountState, item: Params, catalog: CatalogService): Price {
  const priceId = item.optionalString('price');
  const priceData = item.optionalObject('price_data');
  if (priceId !== undefined && priceData) {
    throw invalidRequest(
      `You may only specify one of these parameters: ${item.path('price')}, ${item.path('price_data')}.`,
    );
  }
  if (priceData) {
    return catalog.inlinePrice(account, priceData);
  }
  if (priceId === undefined) {
    throw missingParam(item.path('price'));
  }
  const price = account.prices.get(priceId);
  if (!price) {
    throw resourceMissing('price', priceId, item.path('price'));
  }
  if (!price.active) {
    throw invalidRequest(
      `The price specified is inactive. This field only accepts active prices.`,
      {
        param: item.path('price'),
      },
    );
  }
  return price;
}

function checkRecurringMix(mode: CheckoutMode, prices: Price[]): void {
  const recurring = prices.filter((price) => price.recurring !== null);
  if (mode === 'payment' && recurring.length > 0) {
    throw invalidRequest(
      'You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.',
      { param: 'line_items' },
    );
  }
  if (mode === 'subscription' && recurring.length === 0) {
    throw invalidRequest(
      'You must provide at least one recurring price in `subscription` mode when using prices.',
      { param: 'line_items' },
    );
  }
  const intervals = new Set(
    recurring.map((price) => `${price.recurring?.interval}/${price.recurring?.interval_count}`),
  );
  if (intervals.size > 1) {
    throw invalidRequest(
      'Checkout does not support multiple prices with different billing intervals.',
      { param: 'line_items' },
    );
  }
}

function parseDiscount(input: {
  account: AccountState;
  params: Params;
  currency: string;
  now: number;
}): Coupon | null {
  const discounts = input.params.objectList('discounts');
  if (discounts.length === 0) {
    return null;
  }
  if (discounts.length > 1) {
    throw invalidRequest('You may only specify one discount.', { param: 'discounts' });
  }
  const [discount] = discounts;
  discount.allowOnly(DISCOUNT_PARAMS);
  const couponId = discount.requireString('coupon');
  const coupon = input.account.coupons.get(couponId);
  if (!coupon) {
    throw resourceMissing('coupon', couponId, discount.path('coupon'));
  }
  if (!isCouponRedeemable(coupon, input.now)) {
    throw invalidRequest(`Coupon ${coupon.id} is no longer valid.`, {
      code: 'coupon_expired',
      param: discount.path('coupon'),
    });
  }
  if (coupon.currency !== null && coupon.currency !== input.currency) {
    throw invalidRequest(
      `The coupon currency (${coupon.currency}) does not match the Checkout Session currency (${input.currency}).`,
      { param: discount.path('coupon') },
    );
  }
  return coupon;
}
