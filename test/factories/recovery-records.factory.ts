import { randomBytes } from 'node:crypto';
import type { TestApp } from '../support/test-app';

/** A payment id nobody else uses (an ObjectId's shape, like the real ones). */
export function uniquePaymentId(): string {
  return randomBytes(12).toString('hex');
}

/**
 * A delivery watch as the recovery worklist stores it, written straight to its collection: for
 * tests about what happens to old records, which the app only makes as time passes.
 */
export async function insertDeliveryWatch(
  t: TestApp,
  params: { paymentId?: string; status: 'pending' | 'success' | 'failed'; paidAt: Date },
): Promise<string> {
  const paymentId = params.paymentId ?? uniquePaymentId();
  const delivered = params.status === 'success';
  await t.connection
    .collection<{ _id: string; [field: string]: unknown }>('delivery_watches')
    .insertOne({
      _id: paymentId,
      sellerId: uniquePaymentId(),
      grantId: `stripe:cs_${paymentId}`,
      paidAt: params.paidAt,
      status: params.status,
      linkDelivered: delivered,
      deliveryAttempts: 1,
      lastDeliveryAttempt: params.paidAt,
      failureReason: delivered ? null : 'Forbidden: bot was kicked',
      recoveryAttempts: 1,
      recoveryCompleted: delivered,
      exhausted: params.status === 'failed',
      nextCheckAt: null,
      computedAt: params.paidAt,
    });
  return paymentId;
}

/** Recovery attempt `n` of a payment, as RecoveryAttemptRepository.claim stores it. */
export async function insertRecoveryAttempt(
  t: TestApp,
  params: { paymentId: string; n?: number; at: Date },
): Promise<string> {
  const id = `${params.paymentId}:${params.n ?? 1}`;
  await t.connection
    .collection<{ _id: string; [field: string]: unknown }>('recovery_attempts')
    .insertOne({
      _id: id,
      paymentId: params.paymentId,
      n: params.n ?? 1,
      trigger: 'scheduled',
      action: 'redelivered',
      at: params.at,
    });
  return id;
}
