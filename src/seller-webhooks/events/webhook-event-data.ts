import type { WebhookEventType } from '../webhook-event-types';

/**
 * The public `data` of each webhook event: a documented contract (docs/WEBHOOKS.md). Fields are
 * only ever added; never renamed or removed. Ids are the ones the seller API uses; money is in
 * minor units of `currency` (whole Stars for XTR); times are ISO-8601 UTC strings on the wire.
 */
export interface PaymentEventData {
  paymentId: string;
  planId: string;
  planName: string | null;
  /** purchase: a checkout; renewal: a later period of a subscription. */
  kind: string;
  /** stripe | stars */
  provider: string;
  amountMinor: number;
  discountMinor: number;
  currency: string;
  promoCodeId: string | null;
  /** The membership the payment started or extended; null until a web payment is claimed. */
  membershipId: string | null;
  /** The paying Telegram account; null for a web payment not yet claimed in the bot. */
  telegramUserId: number | null;
  customer: { email: string | null; name: string | null; phone: string | null };
}

export interface PaymentSucceededData extends PaymentEventData {
  paidAt: Date | null;
}

export interface PaymentFailedData extends PaymentEventData {
  failureReason: string;
  /** Which try of this charge failed (Stripe retries a failed renewal a few times). */
  attemptCount: number;
  failedAt: Date;
}

export interface SubscriptionRenewedData {
  membershipId: string;
  planId: string;
  telegramUserId: number;
  /** The payment that paid for the new period; null for a grant without one (manual, trial). */
  paymentId: string | null;
  /** stripe | stars | manual | trial */
  provider: string;
  periodStartsAt: Date;
  periodEndsAt: Date;
  /** The membership's paid-until after this renewal (renewals stack). */
  expiresAt: Date | null;
}

export interface SubscriptionExpiredData {
  membershipId: string;
  planId: string;
  telegramUserId: number;
  /** expired, or removed when the member was taken out of the channels at expiry. */
  status: string;
  expiredAt: Date | null;
}

export interface MemberPresenceData {
  membershipId: string;
  planId: string;
  telegramUserId: number;
  /** The channel as the seller API knows it; null if it is no longer part of the plan. */
  channelId: string | null;
  chatId: number;
  at: Date;
}

export interface ChannelRightsLostData {
  channelId: string;
  chatId: number;
  title: string;
  /** The bot's status in the chat: administrator, member, left, kicked... */
  botStatus: string;
  /** The rights the bot needs and no longer has, e.g. can_invite_users. */
  missingRights: string[];
  at: Date;
}

export interface PingData {
  endpointId: string;
  message: string;
}

export interface WebhookEventDataByType {
  'payment.succeeded': PaymentSucceededData;
  'payment.failed': PaymentFailedData;
  'subscription.renewed': SubscriptionRenewedData;
  'subscription.expired': SubscriptionExpiredData;
  'member.joined': MemberPresenceData;
  'member.left': MemberPresenceData;
  'channel.rights_lost': ChannelRightsLostData;
}

/** The test event of `POST /api/sellers/webhooks/:id/test`; no endpoint subscribes to it. */
export const PING_EVENT_TYPE = 'ping';
export type DeliverableEventType = WebhookEventType | typeof PING_EVENT_TYPE;

/** What a domain event becomes before it is stored: which seller, what happened, the data. */
export type WebhookEventDraft = {
  [T in WebhookEventType]: {
    sellerId: string;
    type: T;
    /** Names the happening; the same key is the same webhook event (id derived from it). */
    sourceKey: string;
    /**
     * Whose personal data the body carries (`membership:<id>`, `payment:<id>`), so a member's
     * erasure finds and deletes it.
     */
    subjects: string[];
    data: WebhookEventDataByType[T];
  };
}[WebhookEventType];
