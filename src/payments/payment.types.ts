import type { AccessMode, Billing, GrantedChannel } from '../memberships/membership.types';

export const PAYMENT_STATUSES = [
  'pending',
  'succeeded',
  'failed',
  'refunded',
  'expired',
  'cancelled',
] as const;
/**
 * pending: checkout open; succeeded: paid and granted; failed: the charge (or the checkout's
 * creation) failed; refunded: money returned, access revoked; expired: checkout never paid;
 * cancelled: paid but not grantable (a late renewal of an ended subscription).
 */
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/**
 * `telegram_star_subscription`: a member of a plan's Telegram Star subscription link, recorded
 * from Telegram's chat_member updates (Telegram collects the Stars; no checkout is involved).
 */
export const PAYMENT_PROVIDERS = ['stripe', 'stars', 'telegram_star_subscription'] as const;
export type PaymentProvider = (typeof PAYMENT_PROVIDERS)[number];

/** The providers a buyer can check out with. */
export const CHECKOUT_PROVIDERS = ['stripe', 'stars'] as const;
export type CheckoutProvider = (typeof CHECKOUT_PROVIDERS)[number];

/** A purchase starts access (checkout); a renewal is a subscription's later period. */
export const PAYMENT_KINDS = ['purchase', 'renewal'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

/** Whose Stripe account took the money: the platform's or the seller's own (dual mode). */
export const STRIPE_ACCOUNTS = ['platform', 'own'] as const;
export type StripeAccount = (typeof STRIPE_ACCOUNTS)[number];

/** The plan as it was sold: later edits to the plan never change what was bought. */
export interface PlanSnapshot {
  name: string;
  priceMinor: number;
  currency: string;
  durationDays: number | null;
  durationMinutes: number | null;
  billing: Billing;
  accessMode: AccessMode;
  channels: GrantedChannel[];
}

export interface PaymentCustomer {
  email?: string;
  name?: string;
  phone?: string;
  /** The Telegram account that gets access; unknown for a web payment until it is claimed. */
  telegramUserId?: number;
}

/** What is stored in `payment.stripe`; the session and subscription ids sit at the top level. */
export interface StoredStripeRefs {
  account: StripeAccount;
  paymentIntentId?: string;
  customerId?: string;
  invoiceIds: string[];
}

export interface StripeRefs extends StoredStripeRefs {
  checkoutSessionId?: string;
  subscriptionId?: string;
}

export interface StarsRefs {
  /** `telegram_payment_charge_id` of the successful payment. */
  chargeId?: string;
  /** What the invoice carries back in pre_checkout_query and successful_payment. */
  invoicePayload: string;
  /** A recurring (Telegram Stars subscription) invoice. */
  subscription: boolean;
}

/** The claim link of a web payment; its sha256 (the lookup key) is stored beside it. */
export interface ClaimRefs {
  /** The token itself, SecretBox-sealed, for the success page and the e-mail. */
  tokenSealed: string;
  expiresAt: Date;
  /** The Telegram account that claimed it (single use). */
  claimedBy?: number;
}

export interface RefundInfo {
  at: Date;
  amountMinor: number;
  /** `seller`: through our API; `stripe`: seen in a charge.refunded webhook (e.g. the Dashboard). */
  source: 'seller' | 'stripe';
  reason?: string;
}

/** What a payment is, as written at creation and read back. */
export interface PaymentBase {
  sellerId: string;
  planId: string;
  plan: PlanSnapshot;
  kind: PaymentKind;
  /** For a renewal: the checkout payment that started the subscription. */
  parentPaymentId?: string;
  provider: PaymentProvider;
  status: PaymentStatus;
  /** Charged, after the discount; minor units of `currency` (whole Stars for XTR). */
  amountMinor: number;
  discountMinor: number;
  currency: string;
  promoCodeId?: string;
  customer: PaymentCustomer;
}

export interface PaymentView extends PaymentBase {
  id: string;
  stripe?: StripeRefs;
  stars?: StarsRefs;
  claim?: ClaimRefs;
  /** The grant (`<provider>:<providerPaymentId>`) that gave access for this payment. */
  grantId?: string;
  failureReason?: string;
  refund?: RefundInfo;
  /** A pending checkout is payable until then. */
  expiresAt?: Date;
  createdAt: Date;
  paidAt?: Date;
  /** UTC day of payment (of creation until paid), `YYYY-MM-DD`: FerretDB groups by stored keys only. */
  day: string;
  updatedAt: Date;
  personalDataErasedAt?: Date;
}

export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The plan duration a payment buys, in minutes. */
export function durationMinutesOf(
  plan: Pick<PlanSnapshot, 'durationDays' | 'durationMinutes'>,
): number {
  return plan.durationMinutes ?? (plan.durationDays ?? 0) * 24 * 60;
}
