import { EventEmitter2 } from '@nestjs/event-emitter';
import { randomBytes } from 'node:crypto';
import { GrantService } from '../src/memberships/grant.service';
import { MembershipLifecycleService } from '../src/memberships/membership-lifecycle.service';
import type { GrantInput } from '../src/memberships/membership.types';
import { OutboxService } from '../src/outbox/outbox.service';
import { createSeller, TestSeller } from './factories/seller.factory';
import { createEndpoint } from './factories/webhook-endpoint.factory';
import { DAY, FakeClock } from './support/fake-clock';
import { createTestApp, TestApp } from './support/test-app';
import { ReceivedWebhook, WebhookReceiver } from './support/webhook-receiver';

const DAY_MINUTES = 24 * 60;
const objectId = (): string => randomBytes(12).toString('hex');

describe('Seller webhook events from what happens in the other domains', () => {
  const clock = new FakeClock('2026-07-01T00:00:00.000Z');
  let t: TestApp;
  let receiver: WebhookReceiver;
  let outbox: OutboxService;
  let emitter: EventEmitter2;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    t = await createTestApp({ clock });
    outbox = t.app.get(OutboxService);
    emitter = t.app.get(EventEmitter2);
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  async function subscribed(): Promise<{ seller: TestSeller; received: () => ReceivedWebhook[] }> {
    const seller = await createSeller(t);
    const path = `/events-${randomBytes(4).toString('hex')}`;
    await createEndpoint(t, seller, { url: receiver.url(path) });
    return { seller, received: () => receiver.to(path) };
  }

  function grantInput(sellerId: string, overrides: Partial<GrantInput> = {}): GrantInput {
    return {
      provider: 'stripe',
      providerPaymentId: `in_${randomBytes(8).toString('hex')}`,
      kind: 'purchase',
      sellerId,
      planId: objectId(),
      paymentId: objectId(),
      telegramUserId: 800_000 + Math.floor(Math.random() * 100_000),
      channels: [{ channelId: objectId(), chatId: -100_200_300 }],
      durationMinutes: 30 * DAY_MINUTES,
      accessMode: 'invite_link',
      billing: 'recurring',
      ...overrides,
    };
  }

  it('announces a renewal that stacks paid time as subscription.renewed, not the first purchase', async () => {
    const { seller, received } = await subscribed();
    const first = grantInput(seller.id);
    const firstOutcome = await t.app.get(GrantService).grant(first);
    const renewal = {
      ...first,
      providerPaymentId: `in_${randomBytes(8).toString('hex')}`,
      paymentId: objectId(),
      kind: 'renewal' as const,
    };
    const outcome = await t.app.get(GrantService).grant(renewal);
    await outbox.dispatchDue();

    expect(received().map((r) => r.json.type)).toEqual(['subscription.renewed']);
    expect(received()[0].json.data).toEqual({
      membershipId: outcome.membership!.id,
      planId: first.planId,
      telegramUserId: first.telegramUserId,
      paymentId: renewal.paymentId,
      provider: 'stripe',
      periodStartsAt: firstOutcome.membership!.expiresAt!.toISOString(),
      periodEndsAt: new Date(
        firstOutcome.membership!.expiresAt!.getTime() + 30 * DAY,
      ).toISOString(),
      expiresAt: new Date(firstOutcome.membership!.expiresAt!.getTime() + 30 * DAY).toISOString(),
    });
  });

  it('announces the end of paid time as subscription.expired, once', async () => {
    const { seller, received } = await subscribed();
    const { membership } = await t.app.get(GrantService).grant(grantInput(seller.id));
    clock.advance(31 * DAY);
    const lifecycle = t.app.get(MembershipLifecycleService);
    await lifecycle.transition({
      membership: membership!,
      to: 'expired',
      reason: 'paid time ended',
    });
    await lifecycle.transition({
      membership: { ...membership!, status: 'expired' },
      to: 'removed',
      reason: 'removed from the channels at expiry',
    });
    await outbox.dispatchDue();

    expect(received().map((r) => r.json.type)).toEqual(['subscription.expired']);
    expect(received()[0].json.data).toEqual({
      membershipId: membership!.id,
      planId: membership!.planId,
      telegramUserId: membership!.telegramUserId,
      status: 'expired',
      expiredAt: membership!.expiresAt!.toISOString(),
    });
  });

  it('announces members joining and leaving a channel of the plan', async () => {
    const { seller, received } = await subscribed();
    const { membership } = await t.app.get(GrantService).grant(grantInput(seller.id));
    const [channel] = membership!.channels;
    const presence = (at: Date) => ({
      membership: membership!,
      chatId: channel.chatId,
      telegramUserId: membership!.telegramUserId,
      at,
    });
    const joinedAt = clock.now();
    await emitter.emitAsync('membership.member_joined', presence(joinedAt));
    await emitter.emitAsync('membership.member_joined', presence(joinedAt)); // the same update again
    clock.advance(60_000);
    await emitter.emitAsync('membership.member_left', presence(clock.now()));
    await outbox.dispatchDue();

    // Deliveries run concurrently and are not ordered (receivers order by `at`), so sort first.
    const byTime = received()
      .map((r) => [r.json.type, r.json.data] as [string, { at: string }])
      .sort(([, a], [, b]) => a.at.localeCompare(b.at));
    expect(byTime).toEqual([
      [
        'member.joined',
        {
          membershipId: membership!.id,
          planId: membership!.planId,
          telegramUserId: membership!.telegramUserId,
          channelId: channel.channelId,
          chatId: channel.chatId,
          at: joinedAt.toISOString(),
        },
      ],
      ['member.left', expect.objectContaining({ at: clock.now().toISOString() })],
    ]);
  });

  it('announces a channel where the bot lost its rights', async () => {
    const { seller, received } = await subscribed();
    const loss = {
      eventId: `${objectId()}:initial`,
      sellerId: seller.id,
      channelId: objectId(),
      chatId: -100_999,
      title: 'VIP room',
      botStatus: 'administrator',
      missingRights: ['can_restrict_members'],
      at: clock.now(),
    };
    await emitter.emitAsync('channel.rights_lost', loss);
    await emitter.emitAsync('channel.rights_lost', loss);
    await outbox.dispatchDue();
    expect(received().map((r) => r.json)).toEqual([
      {
        id: expect.stringMatching(/^evt_/),
        type: 'channel.rights_lost',
        createdAt: clock.now().toISOString(),
        data: {
          channelId: loss.channelId,
          chatId: -100_999,
          title: 'VIP room',
          botStatus: 'administrator',
          missingRights: ['can_restrict_members'],
          at: loss.at.toISOString(),
        },
      },
    ]);
  });

  it('sends nothing for test-mode memberships or to other sellers', async () => {
    const { seller, received } = await subscribed();
    const other = await subscribed();
    const { membership } = await t.app
      .get(GrantService)
      .grant(grantInput(seller.id, { provider: 'test', kind: 'test', billing: 'one_off' }));
    expect(membership!.test).toBe(true);
    await emitter.emitAsync('membership.member_joined', {
      membership: membership!,
      chatId: membership!.channels[0].chatId,
      telegramUserId: membership!.telegramUserId,
      at: clock.now(),
    });
    clock.advance(31 * DAY);
    await t.app
      .get(MembershipLifecycleService)
      .transition({ membership: membership!, to: 'expired', reason: 'test link ended' });
    await outbox.dispatchDue();
    expect(received()).toEqual([]);
    expect(other.received()).toEqual([]);
  });

  it("deletes the log's copies of a member's data when the member is erased", async () => {
    const { seller, received } = await subscribed();
    const input = grantInput(seller.id);
    const { membership } = await t.app.get(GrantService).grant(input);
    await t.app.get(GrantService).grant({
      ...input,
      providerPaymentId: `in_${randomBytes(8).toString('hex')}`,
      paymentId: objectId(),
    });
    const bystander = await t.app.get(GrantService).grant(grantInput(seller.id));
    await t.app.get(GrantService).grant({
      ...grantInput(seller.id),
      planId: bystander.membership!.planId,
      telegramUserId: bystander.membership!.telegramUserId,
    });
    receiver.respondWith(500, 500);
    await outbox.dispatchDue();
    expect(received()).toHaveLength(2);
    const events = () => t.connection.collection('seller_webhook_events');
    expect(await events().countDocuments({ sellerId: seller.id })).toBe(2);

    const erasure = {
      sellerId: seller.id,
      membershipId: membership!.id,
      telegramUserId: membership!.telegramUserId,
      emails: [],
      paymentIds: [input.paymentId],
      test: false,
      otherMembershipsRemain: false,
      at: clock.now(),
    };
    await emitter.emitAsync('privacy.member_erasure', erasure);
    await emitter.emitAsync('privacy.member_erasure', erasure);

    const left = await events().find({ sellerId: seller.id }).toArray();
    expect(left.map((e) => JSON.parse(e.body as string).data.membershipId)).toEqual([
      bystander.membership!.id,
    ]);
    expect(JSON.stringify(left)).not.toContain(String(membership!.telegramUserId));
    const attempts = await t.connection
      .collection('seller_webhook_attempts')
      .countDocuments({ sellerId: seller.id });
    expect(attempts).toBe(1);
    clock.advance(10_000);
    await outbox.dispatchDue();
    expect(received()).toHaveLength(3);
    expect(received()[2].json.data.membershipId).toBe(bystander.membership!.id);
  });
});
