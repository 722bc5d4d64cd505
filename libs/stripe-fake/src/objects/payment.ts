import { newId } from '../ids';
import type { Metadata } from './common';

export type PaymentIntentStatus = 'requires_payment_method' | 'succeeded';

export interface PaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_capturable: number;
  amount_received: number;
  canceled_at: null;
  cancellation_reason: null;
  capture_method: 'automatic_async';
  client_secret: string;
  confirmation_method: 'automatic';
  created: number;
  currency: string;
  customer: string | null;
  description: string | null;
  last_payment_error: null;
  latest_charge: string | null;
  livemode: false;
  metadata: Metadata;
  payment_method: string | null;
  payment_method_types: string[];
  receipt_email: string | null;
  status: PaymentIntentStatus;
}

export interface Charge {
  id: string;
  object: 'charge';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  balance_transaction: null;
  billing_details: {
    address: null;
    email: string | null;
    name: string | null;
    phone: null;
    tax_id: null;
  };
  captured: boolean;
  created: number;
  currency: string;
  customer: string | null;
  description: string | null;
  disputed: boolean;
  failure_code: null;
  failure_message: null;
  livemode: false;
  metadata: Metadata;
  paid: boolean;
  payment_intent: string | null;
  payment_method: string | null;
  receipt_email: string | null;
  receipt_url: string;
  refunded: boolean;
  status: 'succeeded';
}

export type RefundReason = 'duplicate' | 'fraudulent' | 'requested_by_customer';
export const REFUND_REASONS: readonly RefundReason[] = [
  'duplicate',
  'fraudulent',
  'requested_by_customer',
];

export interface Refund {
  id: string;
  object: 'refund';
  amount: number;
  balance_transaction: null;
  charge: string;
  created: number;
  currency: string;
  metadata: Metadata;
  payment_intent: string | null;
  reason: RefundReason | null;
  receipt_number: null;
  source_transfer_reversal: null;
  status: 'succeeded';
  transfer_reversal: null;
}

/** An intent awaiting payment; `capturePayment` makes it succeed with one charge. */
export function buildPaymentIntent(input: {
  amount: number;
  currency: string;
  customerId: string | null;
  email: string | null;
  description: string | null;
  metadata: Metadata;
  now: number;
}): PaymentIntent {
  const id = newId('paymentIntent');
  return {
    id,
    object: 'payment_intent',
    amount: input.amount,
    amount_capturable: 0,
    amount_received: 0,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic_async',
    client_secret: `${id}_secret_${newId('request').slice(4)}`,
    confirmation_method: 'automatic',
    created: input.now,
    currency: input.currency,
    customer: input.customerId,
    description: input.description,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: { ...input.metadata },
    payment_method: null,
    payment_method_types: ['card'],
    receipt_email: input.email,
    status: 'requires_payment_method',
  };
}

/** The card payment succeeding: the intent's one charge, linked both ways. */
export function capturePayment(
  paymentIntent: PaymentIntent,
  payer: { email: string | null; name: string | null; now: number },
): Charge {
  const chargeId = newId('charge');
  const paymentMethodId = newId('paymentMethod');
  paymentIntent.status = 'succeeded';
  paymentIntent.amount_received = paymentIntent.amount;
  paymentIntent.latest_charge = chargeId;
  paymentIntent.payment_method = paymentMethodId;
  return {
    id: chargeId,
    object: 'charge',
    amount: paymentIntent.amount,
    amount_captured: paymentIntent.amount,
    amount_refunded: 0,
    balance_transaction: null,
    billing_details: {
      address: null,
      email: payer.email,
      name: payer.name,
      phone: null,
      tax_id: null,
    },
    captured: true,
    created: payer.now,
    currency: paymentIntent.currency,
    customer: paymentIntent.customer,
    description: paymentIntent.description,
    disputed: false,
    failure_code: null,
    failure_message: null,
    livemode: false,
    // Stripe copies the intent's metadata onto its charges; refund handlers rely on it.
    metadata: { ...paymentIntent.metadata },
    paid: true,
    payment_intent: paymentIntent.id,
    payment_method: paymentMethodId,
    receipt_email: payer.email,
    receipt_url: `https://pay.stripe.com/receipts/payment/${chargeId}`,
    refunded: false,
    status: 'succeeded',
  };
}

export function buildRefund(input: {
  charge: Charge;
  amount: number;
  reason: RefundReason | null;
  metadata: Metadata;
  now: number;
}): Refund {
  return {
    id: newId('refund'),
    object: 'refund',
    amount: input.amount,
    balance_transaction: null,
    charge: input.charge.id,
    created: input.now,
    currency: input.charge.currency,
    metadata: input.metadata,
    payment_intent: input.charge.payment_intent,
    reason: input.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  };
}
