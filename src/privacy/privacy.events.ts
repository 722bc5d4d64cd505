/**
 * Events the privacy domain emits (awaited with emitAsync). Domains that keep personal data of
 * their own about a member (the Telegram users registry, seller webhook deliveries, ...) erase
 * it in a listener declared with `suppressErrors: false`: a failing listener fails the erasure,
 * which is then tried again on the next run. Listeners must be idempotent.
 */
export const PrivacyEvents = {
  /** A member's personal data is being erased; the payload is the last place it appears. */
  MemberErasure: 'privacy.member_erasure',
  /**
   * The contact details of web payments nobody claimed are being erased (no membership, no
   * Telegram account: MemberErasure never covers them).
   */
  UnclaimedPaymentErasure: 'privacy.unclaimed_payment_erasure',
} as const;

export interface UnclaimedPaymentErasureEvent {
  sellerId: string;
  paymentIds: string[];
}

export interface MemberErasureEvent {
  sellerId: string;
  membershipId: string;
  telegramUserId: number;
  emails: string[];
  paymentIds: string[];
  /** Test memberships (test mode) are deleted whole rather than anonymised. */
  test: boolean;
  /** Another membership of this Telegram user (with any seller) still exists. */
  otherMembershipsRemain: boolean;
  /**
   * Another membership of this Telegram user (with any seller) has access or is about to have it
   * (pending, active, grace): data about the user as a platform user is still needed.
   */
  liveMembershipsRemain: boolean;
  at: Date;
}
