import type { PaymentKind, PaymentProvider, PaymentStatus, PaymentView } from './payment.types';
import type { Payment } from './schemas/payment.schema';

/** A stored payment as the rest of the code sees it: string ids, the lookup keys folded back in. */
export function toPaymentView(doc: Payment & { _id: unknown }): PaymentView {
  const stripe = doc.stripe
    ? {
        ...doc.stripe,
        invoiceIds: [...(doc.stripe.invoiceIds ?? [])],
        ...(doc.checkoutSessionId ? { checkoutSessionId: doc.checkoutSessionId } : {}),
        ...(doc.subscriptionId ? { subscriptionId: doc.subscriptionId } : {}),
      }
    : undefined;
  return {
    id: String(doc._id),
    sellerId: doc.sellerId,
    planId: doc.planId,
    plan: doc.plan,
    kind: doc.kind as PaymentKind,
    ...(doc.parentPaymentId ? { parentPaymentId: doc.parentPaymentId } : {}),
    provider: doc.provider as PaymentProvider,
    status: doc.status as PaymentStatus,
    amountMinor: doc.amountMinor,
    discountMinor: doc.discountMinor,
    currency: doc.currency,
    ...(doc.promoCodeId ? { promoCodeId: doc.promoCodeId } : {}),
    customer: doc.customer ?? {},
    ...(stripe ? { stripe } : {}),
    ...(doc.stars ? { stars: doc.stars } : {}),
    ...(doc.claim ? { claim: doc.claim } : {}),
    ...(doc.grantId ? { grantId: doc.grantId } : {}),
    ...(doc.failureReason ? { failureReason: doc.failureReason } : {}),
    ...(doc.refund ? { refund: doc.refund } : {}),
    ...(doc.expiresAt ? { expiresAt: doc.expiresAt } : {}),
    createdAt: doc.createdAt,
    ...(doc.paidAt ? { paidAt: doc.paidAt } : {}),
    day: doc.day,
    updatedAt: doc.updatedAt,
    ...(doc.personalDataErasedAt ? { personalDataErasedAt: doc.personalDataErasedAt } : {}),
  };
}
