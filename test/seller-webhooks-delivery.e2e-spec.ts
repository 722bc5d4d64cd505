import { Injectable, Module } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import { randomBytes } from 'node:crypto';
import { OutboxService } from '../src/outbox/outbox.service';
import {
  SellerWebhookEvents,
  WebhookEndpointDisabledEvent,
} from '../src/seller-webhooks/seller-webhooks.events';
import { asSeller, createSeller, login, TestSeller } from './factories/seller.factory';
import { createEndpoint, TestEndpoint } from './factories/webhook-endpoint.factory';
import { DAY, FakeClock, HOUR, MINUTE } from './support/fake-clock';
import { SmtpSink } from './support/smtp-sink';
import { createTestApp, TestApp } from './support/test-app';
import { verifyMembergateWebhook, WebhookReceiver } from './support/webhook-receiver';

@Injectable()
class DisabledProbe {
  readonly events: WebhookEndpointDisabledEvent[] = [];

  @OnEvent(SellerWebhookEvents.EndpointDisabled)
  record(event: WebhookEndpointDisabledEvent): void {
    this.events.push(event);
  }
}

@Module({ providers: [DisabledProbe] })
class DisabledProbeModule {}

/** What the payments domain emits as `payment.succeeded` (PaymentSucceededEvent). */
function paymentSucceeded(sellerId: string) {
  const id = randomBytes(12).toString('hex');
  return {
    sellerId,
    grantId: `stripe:cs_test_${id}`,
    membershipId: 'b'.repeat(24),
    telegramUserId: 777001,
    renewal: false,
    claimUrl: 'https://t.me/bot?start=claim_must-not-leak',
    payment: {
      id,
      sellerId,
      planId: 'a'.repeat(24),
      plan: { name: 'Gold', priceMinor: 1999, currency: 'USD' },
      kind: 'purchase',
      provider: 'stripe',
      status: 'succeeded',
      amountMinor: 1999,
      discountMinor: 0,
      currency: 'USD',
      customer: { email: 'payer@example.com', name: 'Pat Payer', telegramUserId: 777001 },
      stripe: { account: 'platform', checkoutSessionId: 'cs_test_internal', invoiceIds: [] },
      claim: { tokenHash: 'must-not-leak', tokenSealed: 'must-not-leak', expiresAt: new Date() },
      paidAt: new Date('2026-05-01T12:00:00.000Z'),
      createdAt: new Date('2026-05-01T11:59:00.000Z'),
      updatedAt: new Date('2026-05-01T12:00:00.000Z'),
    },
  };
}

/** `payment.failed` (PaymentFailedEvent) for a renewal that did not go through. */
function paymentFailed(sellerId: string, attempt = 1) {
  const event = paymentSucceeded(sellerId);
  return {
    sellerId,
    payment: { ...event.payment, kind: 'renewal', status: 'failed' },
    membershipId: event.membershipId,
    telegramUserId: event.telegramUserId,
    attempt,
    reason: 'Your card was declined.',
    at: new Date('2026-05-01T12:00:00.000Z'),
  };
}

describe('Seller webhook deliveries', () => {
  const clock = new FakeClock('2026-05-01T12:00:00.000Z');
  let t: TestApp;
  let receiver: WebhookReceiver;
  let outbox: OutboxService;
  let emitter: EventEmitter2;
  let probe: DisabledProbe;
  let smtp: SmtpSink;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    smtp = await SmtpSink.start();
    t = await createTestApp({
      clock,
      env: { SMTP_URL: smtp.url },
      extraImports: [DisabledProbeModule],
    });
    outbox = t.app.get(OutboxService);
    emitter = t.app.get(EventEmitter2);
    probe = t.app.get(DisabledProbe);
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
    await smtp.stop();
  });

  /** A fresh seller with one endpoint on its own receiver path. */
  async function sellerWithEndpoint(
    body: { events?: string[] } = {},
  ): Promise<{ seller: TestSeller; endpoint: TestEndpoint; path: string }> {
    const seller = await createSeller(t);
    const path = `/hook-${randomBytes(4).toString('hex')}`;
    const endpoint = await createEndpoint(t, seller, { url: receiver.url(path), ...body });
    return { seller, endpoint, path };
  }

  const nowSeconds = (): number => Math.floor(clock.now().getTime() / 1000);
  const deliveries = (seller: TestSeller, endpointId: string, query = '') =>
    asSeller(t.http().get(`/api/sellers/webhooks/${endpointId}/deliveries${query}`), seller);
  const endpointOf = async (seller: TestSeller, endpointId: string) =>
    (await asSeller(t.http().get(`/api/sellers/webhooks/${endpointId}`), seller).expect(200)).body;

  it('delivers a signed event that verifies with the documented algorithm', async () => {
    const { seller, endpoint, path } = await sellerWithEndpoint();
    const event = paymentSucceeded(seller.id);
    await emitter.emitAsync('payment.succeeded', event);
    expect(receiver.to(path)).toHaveLength(0);

    await outbox.dispatchDue();
    const [delivery] = receiver.to(path);
    expect(delivery.headers['content-type']).toBe('application/json');
    expect(delivery.headers['membergate-webhook-id']).toBe(delivery.json.id);
    expect(delivery.headers['membergate-webhook-timestamp']).toBe(String(nowSeconds()));
    expect(delivery.headers['membergate-signature']).toMatch(/^v1=[0-9a-f]{64}$/);
    const verify = (secret: string, body = delivery.body) =>
      verifyMembergateWebhook({
        rawBody: body,
        headers: delivery.headers,
        secret,
        nowSeconds: nowSeconds(),
      });
    expect(verify(endpoint.secret)).toBe(true);
    expect(verify(`${endpoint.secret}x`)).toBe(false);
    expect(verify(endpoint.secret, delivery.body.replace('1999', '1'))).toBe(false);
    expect(
      verifyMembergateWebhook({
        rawBody: delivery.body,
        headers: delivery.headers,
        secret: endpoint.secret,
        nowSeconds: nowSeconds() + 6 * 60,
      }),
    ).toBe(false);

    expect(delivery.json).toEqual({
      id: expect.stringMatching(/^evt_[0-9a-f]{32}$/),
      type: 'payment.succeeded',
      createdAt: '2026-05-01T12:00:00.000Z',
      data: {
        paymentId: event.payment.id,
        planId: event.payment.planId,
        planName: 'Gold',
        kind: 'purchase',
        provider: 'stripe',
        amountMinor: 1999,
        discountMinor: 0,
        currency: 'USD',
        promoCodeId: null,
        membershipId: 'b'.repeat(24),
        telegramUserId: 777001,
        customer: { email: 'payer@example.com', name: 'Pat Payer', phone: null },
        paidAt: '2026-05-01T12:00:00.000Z',
      },
    });
    expect(delivery.body).not.toMatch(/must-not-leak|cs_test_|claim|sellerId/);
  });

  it('retries a receiver that answers 500 twice and delivers on the third try', async () => {
    const { seller, endpoint, path } = await sellerWithEndpoint();
    receiver.respondWith(500, 500);
    await emitter.emitAsync('payment.succeeded', paymentSucceeded(seller.id));

    await outbox.dispatchDue();
    expect(receiver.to(path)).toHaveLength(1);
    await outbox.dispatchDue();
    expect(receiver.to(path)).toHaveLength(1); // not before 10 s
    clock.advance(10_000);
    await outbox.dispatchDue();
    expect(receiver.to(path)).toHaveLength(2);
    clock.advance(29_000);
    await outbox.dispatchDue();
    expect(receiver.to(path)).toHaveLength(2); // the second retry waits 30 s
    clock.advance(1_000);
    await outbox.dispatchDue();

    const sent = receiver.to(path);
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((r) => r.body)).size).toBe(1);
    expect(new Set(sent.map((r) => r.headers['membergate-webhook-id'])).size).toBe(1);
    const stamps = sent.map((r) => Number(r.headers['membergate-webhook-timestamp']));
    expect(stamps[1] - stamps[0]).toBe(10);
    expect(stamps[2] - stamps[1]).toBe(30);
    const last = sent[2];
    expect(
      verifyMembergateWebhook({
        rawBody: last.body,
        headers: last.headers,
        secret: endpoint.secret,
        nowSeconds: nowSeconds(),
      }),
    ).toBe(true);

    const log = await deliveries(seller, endpoint.id).expect(200);
    expect(log.body.items).toHaveLength(1);
    expect(log.body.items[0]).toMatchObject({
      eventType: 'payment.succeeded',
      status: 'succeeded',
      attempts: 3,
      lastStatusCode: 200,
      lastError: null,
      nextAttemptAt: null,
      deliveredAt: clock.now().toISOString(),
    });
  });

  it('waits for the next retry on the webhook schedule after each failure', async () => {
    const { seller, endpoint } = await sellerWithEndpoint();
    receiver.respondWith(503);
    await emitter.emitAsync('payment.succeeded', paymentSucceeded(seller.id));
    await outbox.dispatchDue();
    const [failed] = (await deliveries(seller, endpoint.id).expect(200)).body.items;
    expect(failed).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastStatusCode: 503,
      lastError: 'HTTP 503',
      deliveredAt: null,
      nextAttemptAt: new Date(clock.now().getTime() + 10_000).toISOString(),
    });
    clock.advance(10_000);
    await outbox.dispatchDue();
  });

  it('switches an endpoint off after 20 failed deliveries in a row and tells the seller', async () => {
    const { seller, endpoint, path } = await sellerWithEndpoint();
    receiver.respondWith(...Array<number>(20).fill(500));
    await Promise.all(
      Array.from({ length: 20 }, () =>
        emitter.emitAsync('payment.failed', paymentFailed(seller.id)),
      ),
    );
    await outbox.dispatchDue();
    expect(receiver.to(path)).toHaveLength(20);

    expect(await endpointOf(seller, endpoint.id)).toMatchObject({
      enabled: false,
      disabledReason: 'consecutive_failures',
      disabledAt: clock.now().toISOString(),
    });
    expect(probe.events.filter((e) => e.endpointId === endpoint.id)).toEqual([
      expect.objectContaining({ sellerId: seller.id, url: endpoint.url, failures: 20 }),
    ]);
    await outbox.dispatchDue(); // the e-mail to the seller goes through the outbox too
    const [notice] = smtp.to(seller.email);
    expect(notice.subject).toBe('Your Membergate webhook endpoint was switched off');
    expect(notice.text).toContain(endpoint.url);
    expect(notice.text).toContain('Last error: HTTP 500');
    expect(notice.text).not.toContain(endpoint.secret);

    // Pending retries stop without a request, and new events are not even queued.
    clock.advance(10_000);
    await outbox.dispatchDue();
    await emitter.emitAsync('payment.succeeded', paymentSucceeded(seller.id));
    await outbox.dispatchDue();
    expect(receiver.to(path)).toHaveLength(20);
    const log = await deliveries(seller, endpoint.id, '?limit=100').expect(200);
    expect(log.body.items).toHaveLength(20);
    expect(log.body.items[0]).toMatchObject({ status: 'failed', attempts: 1 });

    // Switched on again, it gets events, and its failure count starts from zero.
    await asSeller(t.http().patch(`/api/sellers/webhooks/${endpoint.id}`), seller)
      .send({ enabled: true })
      .expect(200);
    expect(await endpointOf(seller, endpoint.id)).toMatchObject({
      enabled: true,
      disabledReason: null,
      disabledAt: null,
    });
    receiver.respondWith(500);
    await emitter.emitAsync('payment.succeeded', paymentSucceeded(seller.id));
    await outbox.dispatchDue();
    expect(receiver.to(path)).toHaveLength(21);
    expect((await endpointOf(seller, endpoint.id)).enabled).toBe(true);
  });

  it('keeps an endpoint on when a success breaks the run of failures', async () => {
    const { seller, endpoint, path } = await sellerWithEndpoint();
    const fail = async (count: number) => {
      receiver.respondWith(...Array<number>(count).fill(500));
      await Promise.all(
        Array.from({ length: count }, () =>
          emitter.emitAsync('payment.failed', paymentFailed(seller.id)),
        ),
      );
      await outbox.dispatchDue();
      clock.advance(1_000);
    };
    await fail(19);
    await emitter.emitAsync('payment.succeeded', paymentSucceeded(seller.id));
    await outbox.dispatchDue();
    clock.advance(1_000);
    await fail(19);
    expect(receiver.to(path)).toHaveLength(39);
    expect(await endpointOf(seller, endpoint.id)).toMatchObject({
      enabled: true,
      disabledReason: null,
    });
  });

  it('sends an endpoint only the event types it subscribed to', async () => {
    const { seller, endpoint, path } = await sellerWithEndpoint({ events: ['payment.succeeded'] });
    const allPath = `/all-${randomBytes(3).toString('hex')}`;
    await createEndpoint(t, seller, { url: receiver.url(allPath) });
    const membership = {
      id: 'c'.repeat(24),
      sellerId: seller.id,
      planId: 'a'.repeat(24),
      telegramUserId: 4242,
      status: 'active',
      channels: [{ channelId: 'd'.repeat(24), chatId: -100777 }],
      test: false,
    };
    await emitter.emitAsync('membership.member_joined', {
      membership,
      chatId: -100777,
      telegramUserId: 4242,
      at: clock.now(),
    });
    await outbox.dispatchDue();
    expect(receiver.to(path)).toHaveLength(0);
    expect(receiver.to(allPath).map((r) => r.json.type)).toEqual(['member.joined']);
    expect((await deliveries(seller, endpoint.id).expect(200)).body.items).toEqual([]);

    await emitter.emitAsync('payment.succeeded', paymentSucceeded(seller.id));
    await outbox.dispatchDue();
    expect(receiver.to(path).map((r) => r.json.type)).toEqual(['payment.succeeded']);
  });

  it('sends nothing to an endpoint its seller switched off', async () => {
    const { seller, endpoint, path } = await sellerWithEndpoint();
    receiver.respondWith(500);
    await emitter.emitAsync('payment.succeeded', paymentSucceeded(seller.id));
    await outbox.dispatchDue();
    await asSeller(t.http().patch(`/api/sellers/webhooks/${endpoint.id}`), seller)
      .send({ enabled: false })
      .expect(200);
    expect(await endpointOf(seller, endpoint.id)).toMatchObject({ disabledReason: 'seller' });

    await emitter.emitAsync('payment.succeeded', paymentSucceeded(seller.id));
    clock.advance(10_000);
    await outbox.dispatchDue();
    expect(receiver.to(path)).toHaveLength(1);
    const [only] = (await deliveries(seller, endpoint.id).expect(200)).body.items;
    expect(only).toMatchObject({ status: 'failed', attempts: 1, lastError: 'HTTP 500' });
  });

  it('delivers a domain event seen many times, even concurrently, once', async () => {
    const { seller, path } = await sellerWithEndpoint();
    const event = paymentSucceeded(seller.id);
    await Promise.all(
      Array.from({ length: 10 }, () => emitter.emitAsync('payment.succeeded', event)),
    );
    await emitter.emitAsync('payment.succeeded', event);
    await outbox.dispatchDue();
    await outbox.dispatchDue();
    expect(receiver.to(path)).toHaveLength(1);
  });

  it('signs with the old and the new secret for a day after a rotation', async () => {
    const { seller, endpoint, path } = await sellerWithEndpoint();
    const rotated = await asSeller(
      t.http().post(`/api/sellers/webhooks/${endpoint.id}/rotate-secret`),
      seller,
    ).expect(200);
    await emitter.emitAsync('payment.succeeded', paymentSucceeded(seller.id));
    await outbox.dispatchDue();
    const [during] = receiver.to(path);
    expect(String(during.headers['membergate-signature']).split(' ')).toHaveLength(2);
    for (const secret of [endpoint.secret, rotated.body.secret]) {
      expect(
        verifyMembergateWebhook({
          rawBody: during.body,
          headers: during.headers,
          secret,
          nowSeconds: nowSeconds(),
        }),
      ).toBe(true);
    }

    clock.advance(DAY + MINUTE);
    await emitter.emitAsync('payment.succeeded', paymentSucceeded(seller.id));
    await outbox.dispatchDue();
    const after = receiver.to(path)[1];
    expect(String(after.headers['membergate-signature']).split(' ')).toHaveLength(1);
    const check = (secret: string) =>
      verifyMembergateWebhook({
        rawBody: after.body,
        headers: after.headers,
        secret,
        nowSeconds: nowSeconds(),
      });
    expect(check(rotated.body.secret)).toBe(true);
    expect(check(endpoint.secret)).toBe(false);
  });

  it('gives up after the last retry, about four days after the event', async () => {
    const { seller, endpoint, path } = await sellerWithEndpoint();
    receiver.defaultStatus = 502;
    try {
      await emitter.emitAsync('payment.succeeded', paymentSucceeded(seller.id));
      await outbox.dispatchDue();
      for (const wait of [10_000, 30_000, 2 * MINUTE, 10 * MINUTE, HOUR, 6 * HOUR, DAY, 3 * DAY]) {
        clock.advance(wait);
        await outbox.dispatchDue();
      }
    } finally {
      receiver.defaultStatus = 200;
    }
    expect(receiver.to(path)).toHaveLength(9);
    const again = { ...seller, ...(await login(t, seller)) }; // days later: a new session
    const [gaveUp] = (await deliveries(again, endpoint.id).expect(200)).body.items;
    expect(gaveUp).toMatchObject({ status: 'failed', attempts: 9, lastStatusCode: 502 });
    clock.advance(3 * DAY);
    await outbox.dispatchDue();
    expect(receiver.to(path)).toHaveLength(9);
  });
});
