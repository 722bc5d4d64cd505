import type { ChannelRightsLostEvent } from '../../channels/channel.events';
import type { MembershipView } from '../../memberships/membership.types';
import type {
  MembershipGrantedEvent,
  MembershipStatusChangedEvent,
} from '../../memberships/memberships.events';
import type { PaymentFailedEvent, PaymentSucceededEvent } from '../../payments/payments.events';
import {
  fromChannelRightsLost,
  fromMemberPresence,
  fromMembershipGranted,
  fromPaymentFailed,
  fromStatusChanged,
  PaymentFailedDomainEvent,
  PaymentSucceededDomainEvent,
} from './domain-event.mapper';

// The payments domain's events fit what the mapper reads (fails to compile if they drift apart).
export const contract: [PaymentSucceededDomainEvent, PaymentFailedDomainEvent] = [
  {} as PaymentSucceededEvent,
  {} as PaymentFailedEvent,
];

const at = new Date('2026-05-10T00:00:00.000Z');
const membership: MembershipView = {
  id: 'm1',
  sellerId: 's1',
  planId: 'p1',
  telegramUserId: 42,
  status: 'active',
  expiresAt: new Date('2026-05-09T00:00:00.000Z'),
  channels: [{ channelId: 'c1', chatId: -1001 }],
  accessMode: 'invite_link',
  billing: 'recurring',
  customer: { email: 'a@example.com' },
  test: false,
  createdAt: at,
  updatedAt: at,
};
const changed = (
  patch: Partial<MembershipView>,
  from: MembershipView['status'] = 'active',
): MembershipStatusChangedEvent => ({
  membership: { ...membership, ...patch },
  from,
  reason: 'paid time ended',
  at,
});

describe('domain events to webhook events', () => {
  it('announces an expiry once, whether it is seen as expired or as removed at expiry', () => {
    const expired = fromStatusChanged(changed({ status: 'expired' }));
    const removed = fromStatusChanged(changed({ status: 'removed' }, 'expired'));
    expect(expired).toMatchObject({
      type: 'subscription.expired',
      data: { membershipId: 'm1', status: 'expired', expiredAt: membership.expiresAt },
    });
    expect(removed?.sourceKey).toBe(expired?.sourceKey);
  });

  it('does not call a removal with paid time left (refund, seller) an expiry', () => {
    const later = new Date('2026-06-01T00:00:00.000Z');
    expect(fromStatusChanged(changed({ status: 'removed', expiresAt: later }))).toBeUndefined();
    expect(fromStatusChanged(changed({ status: 'grace' }))).toBeUndefined();
    expect(fromStatusChanged(changed({ status: 'expired', test: true }))).toBeUndefined();
  });

  it('calls a grant that extends paid time a renewal, and a first grant nothing', () => {
    const event = (renewal: boolean): MembershipGrantedEvent => ({
      membership,
      renewal,
      grant: { id: 'stripe:in_1', provider: 'stripe', paymentId: 'pay1' } as never,
      period: {
        id: 'pe',
        membershipId: 'm1',
        seq: 2,
        startsAt: at,
        endsAt: at,
        grantId: 'g',
        kind: 'paid',
      },
    });
    expect(fromMembershipGranted(event(false))).toBeUndefined();
    expect(fromMembershipGranted(event(true))).toMatchObject({
      type: 'subscription.renewed',
      sourceKey: 'subscription.renewed:stripe:in_1',
      data: { paymentId: 'pay1', provider: 'stripe', periodEndsAt: at },
    });
  });

  it('keys each failed try of a charge separately', () => {
    const failed = (attempt: number) =>
      fromPaymentFailed({
        sellerId: 's1',
        payment: {
          id: 'pay1',
          planId: 'p1',
          kind: 'renewal',
          provider: 'stripe',
          amountMinor: 5,
          currency: 'EUR',
        },
        attempt,
        reason: 'card_declined',
        at,
      });
    expect(failed(1).sourceKey).not.toBe(failed(2).sourceKey);
    expect(failed(1).data).toMatchObject({ failureReason: 'card_declined', attemptCount: 1 });
  });

  it('names the channel a member joined by the plan channel id', () => {
    const draft = fromMemberPresence('member.joined', {
      membership,
      chatId: -1001,
      telegramUserId: 42,
      at,
    });
    expect(draft?.data).toMatchObject({ channelId: 'c1', chatId: -1001, telegramUserId: 42 });
  });

  it('keys a lost right by the channel domain event id', () => {
    const event: ChannelRightsLostEvent = {
      eventId: 'ch1:chk1',
      sellerId: 's1',
      channelId: 'ch1',
      chatId: -100,
      title: 'News',
      botStatus: 'member',
      missingRights: ['can_invite_users'],
      at,
    };
    expect(fromChannelRightsLost(event).sourceKey).toBe('channel.rights_lost:ch1:chk1');
  });
});
