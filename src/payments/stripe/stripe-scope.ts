import type { PaymentView } from '../payment.types';

/**
 * Which endpoint an event came in on, which says whose Stripe account sent it: the platform's
 * (STRIPE_WEBHOOK_SECRET) or one seller's own account (that seller's webhook secret).
 */
export type StripeScope = { kind: 'platform' } | { kind: 'own'; sellerId: string };

export function scopeKey(scope: StripeScope): string {
  return scope.kind === 'platform' ? 'platform' : scope.sellerId;
}

/**
 * An event may only touch payments made on the account that signed it: a seller's own account
 * can sign anything with its own secret, and must never reach another seller's payments (or the
 * platform's).
 */
export function paymentInScope(payment: PaymentView, scope: StripeScope): boolean {
  if (payment.provider !== 'stripe') {
    return false;
  }
  if (scope.kind === 'platform') {
    return payment.stripe?.account === 'platform';
  }
  return payment.stripe?.account === 'own' && payment.sellerId === scope.sellerId;
}
