import type { MembershipStatus } from './membership-status';

export const GRANT_PROVIDERS = [
  'stripe',
  'stars',
  'telegram_star_subscription',
  'manual',
  'trial',
  'test',
] as const;
export type GrantProvider = (typeof GRANT_PROVIDERS)[number];

export const GRANT_KINDS = ['purchase', 'renewal', 'trial', 'manual', 'test'] as const;
export type GrantKind = (typeof GRANT_KINDS)[number];

export type AccessMode = 'invite_link' | 'join_request';
export type Billing = 'one_off' | 'recurring';

/** A channel of the plan as it was when access was granted. */
export interface GrantedChannel {
  channelId: string;
  chatId: number;
  title?: string;
}

export interface CustomerContact {
  email?: string;
  name?: string;
  phone?: string;
}

/** What the payments domain (or a seller, or an admin) asks the memberships domain to grant. */
export interface GrantInput {
  provider: GrantProvider;
  /** Unique per provider: Stripe session or invoice id, Stars charge id, a manual grant's own id. */
  providerPaymentId: string;
  kind: GrantKind;
  sellerId: string;
  planId: string;
  paymentId?: string;
  /** Unknown for a web payment until the customer claims it in the bot. */
  telegramUserId?: number;
  channels: GrantedChannel[];
  durationMinutes: number;
  accessMode: AccessMode;
  billing: Billing;
  customer?: CustomerContact;
  stripeSubscriptionId?: string;
  /** The seller's own id for the customer (seller grants to someone without a known Telegram id). */
  externalUserId?: string;
}

export interface GrantView extends GrantInput {
  id: string;
  membershipId?: string;
  /** The ledger slot this grant's period took, recorded once applied: a re-apply reads it by id. */
  periodSeq?: number;
  appliedAt?: Date;
  createdAt: Date;
}

export interface MembershipView {
  id: string;
  sellerId: string;
  planId: string;
  telegramUserId: number;
  status: MembershipStatus;
  expiresAt?: Date;
  graceEndsAt?: Date;
  channels: GrantedChannel[];
  accessMode: AccessMode;
  billing: Billing;
  customer: CustomerContact;
  stripeSubscriptionId?: string;
  externalUserId?: string;
  test: boolean;
  createdAt: Date;
  updatedAt: Date;
  endedAt?: Date;
  renewalStoppedAt?: Date;
  erasureRequestedAt?: Date;
  personalDataErasedAt?: Date;
  /** The latest ledger seq known when it was last written: a hint that may lag, never lead. */
  ledgerSeq?: number;
}

/** What a ledger read needs of a membership: its id and where to start probing. */
export type LedgerRef = Pick<MembershipView, 'id' | 'ledgerSeq'>;

/** Telegram user ids are positive; an erased membership keeps this in their place. */
export const ERASED_TELEGRAM_USER_ID = 0;

export interface PeriodView {
  id: string;
  membershipId: string;
  seq: number;
  startsAt: Date;
  endsAt: Date;
  /** The grant that paid for it; for a revocation, `revoked:<membershipId>:<seq>`. */
  grantId: string;
  kind: 'paid' | 'revoked';
  reason?: string;
}
