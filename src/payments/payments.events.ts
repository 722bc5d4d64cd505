import type { PaymentView } from './payment.types';

/**
 * Events the payments domain emits (with emitAsync, awaited). Listeners must be idempotent: an
 * event is emitted again when a delivery that was not fully processed is processed again, so
 * dedupe on `payment.id` (plus the event name), e.g. in an outbox idempotency key.
 */
export const PaymentEvents = {
  /** Paid and granted (a checkout or a renewal). */
  Succeeded: 'payment.succeeded',
  /** A charge failed: a subscription's renewal (Stripe invoice.payment_failed). */
  Failed: 'payment.failed',
  /** Money returned; access to the plan must be revoked at once. */
  Refunded: 'payment.refunded',
} as const;

export type PaymentEventName = (typeof PaymentEvents)[keyof typeof PaymentEvents];

export interface PaymentSucceededEvent {
  payment: PaymentView;
  sellerId: string;
  grantId: string;
  /** Undefined while a web payment waits to be claimed in the bot. */
  membershipId?: string;
  telegramUserId?: number;
  renewal: boolean;
  /** `t.me/<bot>?start=claim_<token>` for a web payment without a Telegram account, to e-mail. */
  claimUrl?: string;
}

export interface PaymentFailedEvent {
  payment: PaymentView;
  sellerId: string;
  /** The membership that the failed renewal should have extended (grace starts here). */
  membershipId?: string;
  telegramUserId?: number;
  subscriptionId?: string;
  /** Stripe's attempt count on the invoice. */
  attempt: number;
  reason: string;
  at: Date;
}

export interface PaymentRefundedEvent {
  payment: PaymentView;
  sellerId: string;
  /** The membership whose access the refund revokes. */
  membershipId?: string;
  telegramUserId?: number;
  /** Every grant the refunded payment gave (revoke the time they added). */
  grantIds: string[];
  source: 'seller' | 'stripe';
  at: Date;
}
