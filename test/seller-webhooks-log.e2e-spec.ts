import { EventEmitter2 } from '@nestjs/event-emitter';
import { randomBytes } from 'node:crypto';
import { OutboxService } from '../src/outbox/outbox.service';
import { WebhookLogRetention } from '../src/seller-webhooks/log/webhook-log-retention.service';
import { asSeller, createSeller, login, TestSeller } from './factories/seller.factory';
import { createEndpoint, TestEndpoint } from './factories/webhook-endpoint.factory';
import { DAY, FakeClock } from './support/fake-clock';
import { createTestApp, TestApp } from './support/test-app';
import { verifyMembergateWebhook, WebhookReceiver } from './support/webhook-receiver';

/** A channel losing the bot's rights, as the channels domain announces it. */
function rightsLost(sellerId: string, at: Date) {
  return {
    eventId: `ch_${randomBytes(6).toString('hex')}:initial`,
    sellerId,
    channelId: 'e'.repeat(24),
    chatId: -100123,
    title: 'Members only',
    botStatus: 'member',
    missingRights: ['can_invite_users'],
    at,
  };
}

describe('Seller webhook delivery log, resends and test events', () => {
  const clock = new FakeClock('2026-06-01T08:00:00.000Z');
  let t: TestApp;
  let receiver: WebhookReceiver;
  let outbox: OutboxService;
  let emitter: EventEmitter2;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    t = await createTestApp({ clock, env: { WEBHOOK_TIMEOUT_MS: '1000' } });
    outbox = t.app.get(OutboxService);
    emitter = t.app.get(EventEmitter2);
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  async function sellerWithEndpoint(): Promise<{
    seller: TestSeller;
    endpoint: TestEndpoint;
    path: string;
  }> {
    const seller = await createSeller(t);
    const path = `/log-${randomBytes(4).toString('hex')}`;
    const endpoint = await createEndpoint(t, seller, { url: receiver.url(path) });
    return { seller, endpoint, path };
  }

  const api = (seller: TestSeller) => ({
    list: (endpointId: string, query = '') =>
      asSeller(t.http().get(`/api/sellers/webhooks/${endpointId}/deliveries${query}`), seller),
    get: (endpointId: string, deliveryId: string) =>
      asSeller(
        t.http().get(`/api/sellers/webhooks/${endpointId}/deliveries/${deliveryId}`),
        seller,
      ),
    resend: (endpointId: string, deliveryId: string) =>
      asSeller(
        t.http().post(`/api/sellers/webhooks/${endpointId}/deliveries/${deliveryId}/resend`),
        seller,
      ),
    test: (endpointId: string) =>
      asSeller(t.http().post(`/api/sellers/webhooks/${endpointId}/test`), seller),
  });

  it('lists deliveries newest first, a page at a time, each with its attempts', async () => {
    const { seller, endpoint, path } = await sellerWithEndpoint();
    receiver.respondWith(500);
    for (let i = 0; i < 3; i += 1) {
      await emitter.emitAsync('channel.rights_lost', rightsLost(seller.id, clock.now()));
      clock.advance(1_000);
    }
    await outbox.dispatchDue();
    clock.advance(10_000);
    await outbox.dispatchDue();
    expect(receiver.to(path)).toHaveLength(4);

    const first = await api(seller).list(endpoint.id, '?limit=2').expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await api(seller)
      .list(endpoint.id, `?limit=2&cursor=${first.body.nextCursor}`)
      .expect(200);
    expect(second.body).toEqual({ items: [expect.any(Object)], nextCursor: null });
    const all = [...first.body.items, ...second.body.items];
    const created = all.map((d: { createdAt: string }) => d.createdAt);
    expect(created).toEqual([...created].sort().reverse());
    expect(new Set(all.map((d: { id: string }) => d.id)).size).toBe(3);
    expect(all.every((d: { status: string }) => d.status === 'succeeded')).toBe(true);

    const retried = all.find((d: { attempts: number }) => d.attempts === 2);
    const detail = await api(seller).get(endpoint.id, retried.id).expect(200);
    expect(detail.body).toMatchObject({
      id: retried.id,
      eventType: 'channel.rights_lost',
      trigger: 'event',
      status: 'succeeded',
      attempts: 2,
      lastStatusCode: 200,
      event: {
        id: retried.eventId,
        type: 'channel.rights_lost',
        data: { chatId: -100123, title: 'Members only', missingRights: ['can_invite_users'] },
      },
    });
    expect(detail.body.attemptLog).toEqual([
      expect.objectContaining({
        attempt: 1,
        ok: false,
        statusCode: 500,
        error: 'HTTP 500',
        responseBody: 'answered 500',
        durationMs: expect.any(Number),
      }),
      expect.objectContaining({ attempt: 2, ok: true, statusCode: 200, error: null }),
    ]);
    const filtered = await api(seller).list(endpoint.id, '?eventType=payment.succeeded');
    expect(filtered.body.items).toEqual([]);
  });

  it('resends a delivery as a new delivery of the very same event', async () => {
    const { seller, endpoint, path } = await sellerWithEndpoint();
    await emitter.emitAsync('channel.rights_lost', rightsLost(seller.id, clock.now()));
    await outbox.dispatchDue();
    const [original] = (await api(seller).list(endpoint.id).expect(200)).body.items;
    clock.advance(60_000);

    const resent = await api(seller).resend(endpoint.id, original.id).expect(202);
    expect(resent.body).toMatchObject({
      eventId: original.eventId,
      trigger: 'resend',
      resendOf: original.id,
      status: 'pending',
      attempts: 0,
    });
    expect(resent.body.id).not.toBe(original.id);
    await outbox.dispatchDue();

    const [before, after] = receiver.to(path);
    expect(after.body).toBe(before.body);
    expect(after.headers['membergate-webhook-id']).toBe(original.eventId);
    expect(Number(after.headers['membergate-webhook-timestamp'])).toBe(
      Number(before.headers['membergate-webhook-timestamp']) + 60,
    );
    expect(
      verifyMembergateWebhook({
        rawBody: after.body,
        headers: after.headers,
        secret: endpoint.secret,
        nowSeconds: Math.floor(clock.now().getTime() / 1000),
      }),
    ).toBe(true);
    const log = await api(seller).list(endpoint.id).expect(200);
    expect(log.body.items.map((d: { id: string; status: string }) => [d.id, d.status])).toEqual([
      [resent.body.id, 'succeeded'],
      [original.id, 'succeeded'],
    ]);
  });

  it('queues one resend for repeats of the same Idempotency-Key', async () => {
    const { seller, endpoint, path } = await sellerWithEndpoint();
    await emitter.emitAsync('channel.rights_lost', rightsLost(seller.id, clock.now()));
    await outbox.dispatchDue();
    const [original] = (await api(seller).list(endpoint.id).expect(200)).body.items;
    const key = randomBytes(8).toString('hex');
    const a = await api(seller).resend(endpoint.id, original.id).set('Idempotency-Key', key);
    const b = await api(seller).resend(endpoint.id, original.id).set('Idempotency-Key', key);
    expect(a.status).toBe(202);
    expect(b.body.id).toBe(a.body.id);
    await outbox.dispatchDue();
    expect(receiver.to(path)).toHaveLength(2);
  });

  it('sends a signed ping to the test endpoint', async () => {
    const { seller, endpoint, path } = await sellerWithEndpoint();
    const queued = await api(seller).test(endpoint.id).expect(202);
    expect(queued.body).toMatchObject({ eventType: 'ping', trigger: 'test', status: 'pending' });
    await outbox.dispatchDue();
    const [ping] = receiver.to(path);
    expect(ping.json).toEqual({
      id: queued.body.eventId,
      type: 'ping',
      createdAt: clock.now().toISOString(),
      data: { endpointId: endpoint.id, message: 'A test event from Membergate' },
    });
    expect(
      verifyMembergateWebhook({
        rawBody: ping.body,
        headers: ping.headers,
        secret: endpoint.secret,
        nowSeconds: Math.floor(clock.now().getTime() / 1000),
      }),
    ).toBe(true);
    const [logged] = (await api(seller).list(endpoint.id, '?eventType=ping').expect(200)).body
      .items;
    expect(logged).toMatchObject({ id: queued.body.id, status: 'succeeded', attempts: 1 });
  });

  it('counts a receiver that does not answer in time as a failed attempt', async () => {
    const { seller, endpoint, path } = await sellerWithEndpoint();
    receiver.delayMs = 1_500;
    try {
      await api(seller).test(endpoint.id).expect(202);
      await outbox.dispatchDue();
    } finally {
      receiver.delayMs = 0;
    }
    expect(receiver.to(path)).toHaveLength(1);
    const [timedOut] = (await api(seller).list(endpoint.id).expect(200)).body.items;
    expect(timedOut).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastStatusCode: null,
      lastError: 'no answer within 1000 ms',
    });
    clock.advance(10_000);
    await outbox.dispatchDue();
    const [delivered] = (await api(seller).list(endpoint.id).expect(200)).body.items;
    expect(delivered).toMatchObject({ status: 'succeeded', attempts: 2 });
  });

  it('refuses a resend or a test to a switched-off endpoint', async () => {
    const { seller, endpoint } = await sellerWithEndpoint();
    await api(seller).test(endpoint.id).expect(202);
    const [delivery] = (await api(seller).list(endpoint.id).expect(200)).body.items;
    await asSeller(t.http().patch(`/api/sellers/webhooks/${endpoint.id}`), seller)
      .send({ enabled: false })
      .expect(200);
    const test = await api(seller).test(endpoint.id).expect(409);
    expect(test.body.error.code).toBe('WEBHOOK_ENDPOINT_DISABLED');
    const resend = await api(seller).resend(endpoint.id, delivery.id).expect(409);
    expect(resend.body.error.code).toBe('WEBHOOK_ENDPOINT_DISABLED');
  });

  it('stops the pending deliveries of a deleted endpoint', async () => {
    const { seller, endpoint, path } = await sellerWithEndpoint();
    receiver.respondWith(500);
    await api(seller).test(endpoint.id).expect(202);
    await outbox.dispatchDue();
    await asSeller(t.http().delete(`/api/sellers/webhooks/${endpoint.id}`), seller).expect(204);
    clock.advance(10_000);
    await outbox.dispatchDue();
    expect(receiver.to(path)).toHaveLength(1);
    const jobs = await outbox.findByCorrelation({ sellerId: seller.id });
    expect(jobs.map((j) => [j.status, j.lastError])).toEqual([
      ['failed', 'ENDPOINT_DELETED: the endpoint was deleted'],
    ]);
  });

  it('answers 404 for an unknown delivery and 400 for a cursor it did not issue', async () => {
    const { seller, endpoint } = await sellerWithEndpoint();
    const missing = await api(seller)
      .get(endpoint.id, `dlv_${'0'.repeat(32)}`)
      .expect(404);
    expect(missing.body.error.code).toBe('WEBHOOK_DELIVERY_NOT_FOUND');
    await api(seller).resend(endpoint.id, 'nope').expect(404);
    const forged = await api(seller).list(endpoint.id, '?cursor=bm90LWEtY3Vyc29y').expect(400);
    expect(forged.body.error.code).toBe('INVALID_CURSOR');
    await api(seller).list(endpoint.id, '?limit=0').expect(400);
    await api(seller).list(endpoint.id, '?eventType=nope').expect(400);
  });

  it('forgets events, deliveries and attempts after the retention period', async () => {
    const { seller, endpoint } = await sellerWithEndpoint();
    await api(seller).test(endpoint.id).expect(202);
    await outbox.dispatchDue();
    clock.advance(29 * DAY);
    await t.app.get(WebhookLogRetention).prune();
    // Sessions do not last days: log in again after moving the clock.
    const session = async () => ({ ...seller, ...(await login(t, seller)) });
    expect(
      (
        await api(await session())
          .list(endpoint.id)
          .expect(200)
      ).body.items,
    ).toHaveLength(1);

    clock.advance(2 * DAY);
    const pruned = await t.app.get(WebhookLogRetention).prune();
    expect(pruned.events).toBeGreaterThanOrEqual(1);
    expect(
      (
        await api(await session())
          .list(endpoint.id)
          .expect(200)
      ).body.items,
    ).toEqual([]);
    for (const name of ['seller_webhook_events', 'seller_webhook_attempts']) {
      expect(await t.connection.collection(name).countDocuments({ sellerId: seller.id })).toBe(0);
    }
  });

  it('documents the log, resend and test endpoints in Swagger', async () => {
    const doc = (await t.http().get('/docs-json').expect(200)).body;
    const routes: [string, string, string, number[]][] = [
      ['get', '/api/sellers/webhooks/{id}/deliveries', '200', [400, 401, 403, 404]],
      ['get', '/api/sellers/webhooks/{id}/deliveries/{deliveryId}', '200', [401, 403, 404]],
      [
        'post',
        '/api/sellers/webhooks/{id}/deliveries/{deliveryId}/resend',
        '202',
        [401, 403, 404, 409, 410],
      ],
      ['post', '/api/sellers/webhooks/{id}/test', '202', [401, 403, 404, 409]],
    ];
    for (const [method, path, success, errors] of routes) {
      const op = doc.paths[path][method];
      expect(op.security).toEqual([{ jwt: [] }, { 'api-key': [] }]);
      expect(op.responses[success].content['application/json'].schema).toBeDefined();
      for (const status of errors) {
        expect(op.responses[String(status)].content['application/json'].schema.$ref).toBe(
          '#/components/schemas/ErrorBody',
        );
      }
    }
    const delivery = doc.components.schemas.WebhookDeliveryDto.properties;
    expect(Object.keys(delivery)).toEqual(
      expect.arrayContaining(['eventId', 'attempts', 'lastStatusCode', 'nextAttemptAt']),
    );
  });
});
