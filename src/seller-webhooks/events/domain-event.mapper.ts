import type { ChannelRightsLostEvent } from '../../channels/channel.events';
import type {
  MemberPresenceEvent,
  MembershipGrantedEvent,
  MembershipStatusChangedEvent,
} from '../../memberships/memberships.events';
import type { MembershipView } from '../../memberships/membership.types';
import type { PaymentEventData, WebhookEventDraft } from './webhook-event-data';

/**
 * What the payments domain emits with `payment.succeeded` / `payment.failed` (PaymentEvents in
 * src/payments/payments.events.ts), reduced to the fields webhooks publish. Declared here so this
 * module depends on the contract's shape, not on the payments module's internals; anything not
 * read here (Stripe references, claim tokens and URLs) never reaches a seller's server.
 */
interface PaymentFields {
  id: string;
  planId: string;
  plan?: { name?: string };
  kind: string;
  provider: string;
  amountMinor: number;
  discountMinor?: number;
  currency: string;
  promoCodeId?: string;
  customer?: { email?: string; name?: string; phone?: string; telegramUserId?: number };
  paidAt?: Date;
}

export interface PaymentSucceededDomainEvent {
  sellerId: string;
  payment: PaymentFields;
  membershipId?: string;
  telegramUserId?: number;
}

export interface PaymentFailedDomainEvent {
  sellerId: string;
  payment: PaymentFields;
  membershipId?: string;
  telegramUserId?: number;
  /** The provider's attempt count for this charge (Stripe retries a failed invoice). */
  attempt: number;
  reason: string;
  at: Date;
}

function paymentData(
  event: PaymentSucceededDomainEvent | PaymentFailedDomainEvent,
): PaymentEventData {
  const { payment } = event;
  const customer = payment.customer ?? {};
  return {
    paymentId: payment.id,
    planId: payment.planId,
    planName: payment.plan?.name ?? null,
    kind: payment.kind,
    provider: payment.provider,
    amountMinor: payment.amountMinor,
    discountMinor: payment.discountMinor ?? 0,
    currency: payment.currency,
    promoCodeId: payment.promoCodeId ?? null,
    membershipId: event.membershipId ?? null,
    telegramUserId: event.telegramUserId ?? customer.telegramUserId ?? null,
    customer: {
      email: customer.email ?? null,
      name: customer.name ?? null,
      phone: customer.phone ?? null,
    },
  };
}

function paymentSubjects(event: PaymentSucceededDomainEvent | PaymentFailedDomainEvent): string[] {
  return [
    `payment:${event.payment.id}`,
    ...(event.membershipId ? [`membership:${event.membershipId}`] : []),
  ];
}

export function fromPaymentSucceeded(event: PaymentSucceededDomainEvent): WebhookEventDraft {
  return {
    sellerId: event.sellerId,
    type: 'payment.succeeded',
    sourceKey: `payment.succeeded:${event.payment.id}`,
    subjects: paymentSubjects(event),
    data: { ...paymentData(event), paidAt: event.payment.paidAt ?? null },
  };
}

/** One webhook event per failed try of a charge: Stripe's retries of an invoice each count. */
export function fromPaymentFailed(event: PaymentFailedDomainEvent): WebhookEventDraft {
  return {
    sellerId: event.sellerId,
    type: 'payment.failed',
    sourceKey: `payment.failed:${event.payment.id}:${event.attempt}`,
    subjects: paymentSubjects(event),
    data: {
      ...paymentData(event),
      failureReason: event.reason,
      attemptCount: event.attempt,
      failedAt: event.at,
    },
  };
}

/** A grant that added time to a membership that had paid time before: subscription.renewed. */
export function fromMembershipGranted(
  event: MembershipGrantedEvent,
): WebhookEventDraft | undefined {
  const { membership, grant, period } = event;
  if (!event.renewal || membership.test) {
    return undefined;
  }
  return {
    sellerId: membership.sellerId,
    type: 'subscription.renewed',
    sourceKey: `subscription.renewed:${grant.id}`,
    subjects: [
      `membership:${membership.id}`,
      ...(grant.paymentId ? [`payment:${grant.paymentId}`] : []),
    ],
    data: {
      membershipId: membership.id,
      planId: membership.planId,
      telegramUserId: membership.telegramUserId,
      paymentId: grant.paymentId ?? null,
      provider: grant.provider,
      periodStartsAt: period.startsAt,
      periodEndsAt: period.endsAt,
      expiresAt: membership.expiresAt ?? null,
    },
  };
}

/**
 * Paid time ran out: the move to `expired`, or to `removed` at expiry (the expiry job may go
 * straight there). Both moves of one lapse share a source key (the paid-until date), so the
 * seller hears of it once. A removal with paid time left (the seller's force-remove) is not an
 * expiry.
 */
export function fromStatusChanged(
  event: MembershipStatusChangedEvent,
): WebhookEventDraft | undefined {
  const { membership } = event;
  const to = membership.status;
  if (membership.test || (to !== 'expired' && to !== 'removed')) {
    return undefined;
  }
  const expiresAt = membership.expiresAt ? new Date(membership.expiresAt) : undefined;
  if (to === 'removed' && (expiresAt === undefined || expiresAt > event.at)) {
    return undefined;
  }
  return {
    sellerId: membership.sellerId,
    type: 'subscription.expired',
    sourceKey: `subscription.expired:${membership.id}:${expiresAt?.getTime() ?? 'none'}`,
    subjects: [`membership:${membership.id}`],
    data: {
      membershipId: membership.id,
      planId: membership.planId,
      telegramUserId: membership.telegramUserId,
      status: to,
      expiredAt: expiresAt ?? null,
    },
  };
}

export function fromMemberPresence(
  type: 'member.joined' | 'member.left',
  event: MemberPresenceEvent,
): WebhookEventDraft | undefined {
  const { membership } = event;
  if (membership.test) {
    return undefined;
  }
  return {
    sellerId: membership.sellerId,
    type,
    sourceKey: `${type}:${membership.id}:${event.chatId}:${new Date(event.at).getTime()}`,
    subjects: [`membership:${membership.id}`],
    data: {
      membershipId: membership.id,
      planId: membership.planId,
      telegramUserId: event.telegramUserId,
      channelId: channelIdOf(membership, event.chatId),
      chatId: event.chatId,
      at: event.at,
    },
  };
}

export function fromChannelRightsLost(event: ChannelRightsLostEvent): WebhookEventDraft {
  return {
    sellerId: event.sellerId,
    type: 'channel.rights_lost',
    sourceKey: `channel.rights_lost:${event.eventId}`,
    subjects: [],
    data: {
      channelId: event.channelId,
      chatId: event.chatId,
      title: event.title,
      botStatus: event.botStatus,
      missingRights: [...event.missingRights],
      at: event.at,
    },
  };
}

function channelIdOf(membership: MembershipView, chatId: number): string | null {
  return membership.channels.find((c) => c.chatId === chatId)?.channelId ?? null;
}
