import { invalidRequest, missingParam, resourceMissing } from '../errors';
import type { FakeEnv } from '../env';
import { createMetadata, type Params } from '../http/params';
import { newCouponId } from '../ids';
import { buildPrice, buildProduct, type Price, type Product } from '../objects/catalog';
import { buildCoupon, COUPON_DURATIONS, type Coupon } from '../objects/coupon';
import { buildCustomer, type Customer } from '../objects/customer';
import type { AccountState } from '../state/account-state';
import { RECURRING_INTERVALS, type RecurringInterval } from '../time';

const PRODUCT_PARAMS = ['name', 'description', 'metadata', 'images', 'tax_code'];
const PRICE_PARAMS = [
  'currency',
  'unit_amount',
  'product',
  'product_data',
  'recurring',
  'metadata',
  'nickname',
  'lookup_key',
  'tax_behavior',
];
const PRICE_DATA_PARAMS = [
  'currency',
  'unit_amount',
  'product',
  'product_data',
  'recurring',
  'tax_behavior',
];
const RECURRING_PARAMS = ['interval', 'interval_count'];
const COUPON_PARAMS = [
  'id',
  'percent_off',
  'amount_off',
  'currency',
  'duration',
  'duration_in_months',
  'max_redemptions',
  'redeem_by',
  'name',
  'metadata',
];
const CUSTOMER_PARAMS = ['email', 'name', 'phone', 'description', 'metadata'];

// Stripe caps a recurring interval at one year.
const MAX_INTERVAL_COUNT: Record<RecurringInterval, number> = {
  day: 365,
  week: 52,
  month: 12,
  year: 1,
};

/** Products, prices, coupons and customers: the objects other flows refer to by id. */
export class CatalogService {
  constructor(private readonly env: FakeEnv) {}

  createProduct(account: AccountState, params: Params): Product {
    params.allowOnly(PRODUCT_PARAMS);
    const product = buildProduct({
      name: params.requireString('name'),
      description: params.optionalString('description'),
      metadata: createMetadata(params.optionalMetadata()),
      now: this.env.now(),
    });
    account.products.set(product.id, product);
    return product;
  }

  /** `POST /v1/prices`: a reusable, active price. */
  createPrice(account: AccountState, params: Params): Price {
    params.allowOnly(PRICE_PARAMS);
    return this.price(account, params, { active: true });
  }

  /** `price_data` inside another request: an inline price Stripe marks inactive. */
  inlinePrice(account: AccountState, priceData: Params): Price {
    priceData.allowOnly(PRICE_DATA_PARAMS);
    return this.price(account, priceData, { active: false });
  }

  createCoupon(account: AccountState, params: Params): Coupon {
    params.allowOnly(COUPON_PARAMS);
    const id = params.optionalString('id') ?? newCouponId();
    if (account.coupons.has(id)) {
      throw invalidRequest('Coupon already exists.', {
        code: 'resource_already_exists',
        param: 'id',
      });
    }
    const percentOff = params.optionalNumber('percent_off');
    const amountOff = params.optionalInteger('amount_off');
    if (percentOff !== undefined && amountOff !== undefined) {
      throw invalidRequest(
        'You may only specify one of these parameters: amount_off, percent_off.',
      );
    }
    if (percentOff === undefined && amountOff === undefined) {
      throw missingParam('percent_off');
    }
    if (percentOff !== undefined && (percentOff <= 0 || percentOff > 100)) {
      throw invalidRequest('Invalid percent_off: must be greater than 0 and at most 100', {
        param: 'percent_off',
      });
    }
    if (amountOff !== undefined && amountOff <= 0) {
      throw invalidRequest('Invalid positive integer', { param: 'amount_off' });
    }
    const currency = params.optionalString('currency')?.toLowerCase();
    if (amountOff !== undefined && !currency) {
      throw missingParam('currency');
    }
    const duration = params.optionalEnum('duration', COUPON_DURATIONS) ?? 'once';
    const durationInMonths = params.optionalInteger('duration_in_months');
    if (duration === 'repeating' && durationInMonths === undefined) {
      throw missingParam('duration_in_months');
    }
    const maxRedemptions = params.optionalInteger('max_redemptions');
    if (maxRedemptions !== undefined && maxRedemptions <= 0) {
      throw invalidRequest('Invalid positive integer', { param: 'max_redemptions' });
    }
    const redeemBy = params.optionalInteger('redeem_by');
    if (redeemBy !== undefined && redeemBy <= this.env.now()) {
      throw invalidRequest('Invalid redeem_by: must be in the future', { param: 'redeem_by' });
    }
    const coupon = buildCoupon({
      id,
      discount:
        amountOff !== undefined
          ? { amountOff, currency: currency ?? '' }
          : { percentOff: percentOff ?? 0 },
      duration,
      durationInMonths: duration === 'repeating' ? durationInMonths : undefined,
      maxRedemptions,
      redeemBy,
      name: params.optionalString('name'),
      metadata: createMetadata(params.optionalMetadata()),
      now: this.env.now(),
    });
    account.coupons.set(coupon.id, coupon);
    return coupon;
  }

  createCustomer(account: AccountState, params: Params): Customer {
    params.allowOnly(CUSTOMER_PARAMS);
    return this.addCustomer(account, {
      email: params.optionalString('email') ?? null,
      name: params.optionalString('name') ?? null,
      phone: params.optionalString('phone') ?? null,
      description: params.optionalString('description') ?? null,
      metadata: createMetadata(params.optionalMetadata()),
    });
  }

  addCustomer(
    account: AccountState,
    input: Omit<Parameters<typeof buildCustomer>[0], 'now'>,
  ): Customer {
    const customer = buildCustomer({ ...input, now: this.env.now() });
    account.customers.set(customer.id, customer);
    return customer;
  }

  private price(account: AccountState, params: Params, options: { active: boolean }): Price {
    const currency = params.requireString('currency').toLowerCase();
    if (!/^[a-z]{3}$/.test(currency)) {
      throw invalidRequest(`Invalid currency: ${currency}`, { param: params.path('currency') });
    }
    const unitAmount = params.requireInteger('unit_amount');
    if (unitAmount < 0) {
      throw invalidRequest('Invalid non-negative integer', { param: params.path('unit_amount') });
    }
    const product = this.productFor(account, params);
    const recurringParams = params.optionalObject('recurring');
    let recurring: { interval: RecurringInterval; intervalCount: number } | undefined;
    if (recurringParams) {
      recurringParams.allowOnly(RECURRING_PARAMS);
      const interval = recurringParams.requireEnum('interval', RECURRING_INTERVALS);
      const intervalCount = recurringParams.optionalInteger('interval_count') ?? 1;
      if (intervalCount < 1 || intervalCount > MAX_INTERVAL_COUNT[interval]) {
        throw invalidRequest(
          'Invalid recurring[interval_count]: the maximum billing interval is one year (1 year, 12 months, 52 weeks or 365 days).',
          { param: recurringParams.path('interval_count') },
        );
      }
      recurring = { interval, intervalCount };
    }
    const price = buildPrice({
      currency,
      unitAmount,
      productId: product.id,
      recurring,
      metadata: createMetadata(params.optionalMetadata()),
      active: options.active,
      now: this.env.now(),
    });
    account.prices.set(price.id, price);
    return price;
  }

  private productFor(account: AccountState, params: Params): Product {
    const productId = params.optionalString('product');
    const productData = params.optionalObject('product_data');
    if (productId !== undefined) {
      const product = account.products.get(productId);
      if (!product) {
        throw resourceMissing('product', productId, params.path('product'));
      }
      return product;
    }
    if (!productData) {
      throw missingParam(params.path('product_data'));
    }
    productData.allowOnly(PRODUCT_PARAMS);
    const product = buildProduct({
      name: productData.requireString('name'),
      description: productData.optionalString('description'),
      metadata: createMetadata(productData.optionalMetadata()),
      now: this.env.now(),
    });
    account.products.set(product.id, product);
    return product;
  }
}
