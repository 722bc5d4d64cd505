import { newId } from '../ids';
import type { Price } from './catalog';
import { apiList, type ApiList, type Metadata } from './common';

export type CheckoutMode = 'payment' | 'subscription';
export const CHECKOUT_MODES: readonly CheckoutMode[] = ['payment', 'subscription'];
export type CheckoutStatus = 'open' | 'complete' | 'expired';
export type CheckoutPaymentStatus = 'no_payment_required' | 'paid' | 'unpaid';
export type CustomerCreation = 'always' | 'if_required';
export const CUSTOMER_CREATIONS: readonly CustomerCreation[] = ['always', 'if_required'];

export interface CheckoutCustomerDetails {
  address: null;
  email: string | null;
  name: string | null;
  phone: null;
  tax_exempt: 'none';
  tax_ids: [];
}

/** A line item (`object: 'item'`) as returned by `expand[]=line_items`. */
export interface CheckoutLineItem {
  id: string;
  object: 'item';
  amount_discount: number;
  amount_subtotal: number;
  amount_tax: number;
  amount_total: number;
  currency: string;
  description: string;
  price: Price;
  quantity: number;
}

export interface CheckoutSession {
  id: string;
  object: 'checkout.session';
  allow_promotion_codes: boolean | null;
  amount_subtotal: number;
  amount_total: number;
  cancel_url: string | null;
  client_reference_id: string | null;
  created: number;
  currency: string;
  customer: string | null;
  customer_creation: CustomerCreation | null;
  customer_details: CheckoutCustomerDetails | null;
  customer_email: string | null;
  discounts: Array<{ coupon: string | null; promotion_code: string | null }>;
  expires_at: number;
  invoice: string | null;
  livemode: false;
  locale: null;
  metadata: Metadata;
  mode: CheckoutMode;
  payment_intent: string | null;
  payment_method_types: string[];
  payment_status: CheckoutPaymentStatus;
  status: CheckoutStatus;
  submit_type: null;
  subscription: string | null;
  success_url: string | null;
  total_details: { amount_discount: number; amount_shipping: number; amount_tax: number };
  ui_mode: 'hosted';
  url: string | null;
}

export function buildLineItem(input: {
  price: Price;
  quantity: number;
  productName: string;
  discount: number;
}): CheckoutLineItem {
  const subtotal = input.price.unit_amount * input.quantity;
  return {
    id: newId('lineItem'),
    object: 'item',
    amount_discount: input.discount,
    amount_subtotal: subtotal,
    amount_tax: 0,
    amount_total: subtotal - input.discount,
    currency: input.price.currency,
    description: input.productName,
    price: input.price,
    quantity: input.quantity,
  };
}

export function buildCheckoutSession(input: {
  mode: CheckoutMode;
  currency: string;
  amountSubtotal: number;
  amountDiscount: number;
  couponId: string | null;
  allowPromotionCodes: boolean | null;
  successUrl: string | null;
  cancelUrl: string | null;
  clientReferenceId: string | null;
  customerId: string | null;
  customerEmail: string | null;
  customerCreation: CustomerCreation | null;
  metadata: Metadata;
  expiresAt: number;
  baseUrl: string;
  now: number;
}): CheckoutSession {
  const id = newId('checkoutSession');
  return {
    id,
    object: 'checkout.session',
    allow_promotion_codes: input.allowPromotionCodes,
    amount_subtotal: input.amountSubtotal,
    amount_total: input.amountSubtotal - input.amountDiscount,
    cancel_url: input.cancelUrl,
    client_reference_id: input.clientReferenceId,
    created: input.now,
    currency: input.currency,
    customer: input.customerId,
    customer_creation: input.customerCreation,
    customer_details: null,
    customer_email: input.customerEmail,
    discounts: input.couponId ? [{ coupon: input.couponId, promotion_code: null }] : [],
    expires_at: input.expiresAt,
    invoice: null,
    livemode: false,
    locale: null,
    metadata: input.metadata,
    mode: input.mode,
    // Since API 2022-08-01 the intent is created when the customer pays, not with the session.
    payment_intent: null,
    payment_method_types: ['card'],
    payment_status: 'unpaid',
    status: 'open',
    submit_type: null,
    subscription: null,
    success_url: input.successUrl,
    total_details: { amount_discount: input.amountDiscount, amount_shipping: 0, amount_tax: 0 },
    ui_mode: 'hosted',
    url: `${input.baseUrl}/checkout/${id}`,
  };
}

export function lineItemsList(
  sessionId: string,
  items: CheckoutLineItem[],
): ApiList<CheckoutLineItem> {
  return apiList(`/v1/checkout/sessions/${sessionId}/line_items`, items);
}
