import { EventEmitter2 } from '@nestjs/event-emitter';
import { randomBytes } from 'node:crypto';
import { OutboxService } from '../src/outbox/outbox.service';
import { WebhookAttemptRepository } from '../src/seller-webhooks/webhook-attempt.repository';
import { WebhookDeliveryRepository } from '../src/seller-webhooks/webhook-delivery.repository';
import { asSeller, createApiKey, createSeller, TestSeller } from './factories/seller.factory';
import { createEndpoint, TestEndpoint } from './factories/webhook-endpoint.factory';
import { createTestApp, TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

describe('Tenant isolation of webhook deliveries', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let owner: TestSeller;
  let stranger: TestSeller;
  let ownerEndpoint: TestEndpoint;
  let ownerSecondEndpoint: TestEndpoint;
  let strangerEndpoint: TestEndpoint;
  let ownerDeliveryId: string;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    t = await createTestApp();
    [owner, stranger] = await Promise.all([createSeller(t), createSeller(t)]);
    ownerEndpoint = await createEndpoint(t, owner, { url: receiver.url('/owner') });
    ownerSecondEndpoint = await createEndpoint(t, owner, {
      url: receiver.url('/owner-2'),
      events: ['member.left'],
    });
    strangerEndpoint = await createEndpoint(t, stranger, { url: receiver.url('/stranger') });
    await t.app.get(EventEmitter2).emitAsync('channel.rights_lost', {
      eventId: `${randomBytes(12).toString('hex')}:initial`,
      sellerId: owner.id,
      channelId: randomBytes(12).toString('hex'),
      chatId: -100_555,
      title: 'Owner channel',
      botStatus: 'left',
      missingRights: ['can_invite_users'],
      at: new Date(),
    });
    await t.app.get(OutboxService).dispatchDue();
    const log = await asSeller(
      t.http().get(`/api/sellers/webhooks/${ownerEndpoint.id}/deliveries`),
      owner,
    ).expect(200);
    ownerDeliveryId = log.body.items[0].id;
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  const base = (endpointId: string) => `/api/sellers/webhooks/${endpointId}`;
  const strangerAttempts = () => [
    { method: 'get', path: `${base(ownerEndpoint.id)}/deliveries` },
    { method: 'get', path: `${base(ownerEndpoint.id)}/deliveries/${ownerDeliveryId}` },
    { method: 'post', path: `${base(ownerEndpoint.id)}/deliveries/${ownerDeliveryId}/resend` },
    { method: 'post', path: `${base(ownerEndpoint.id)}/test` },
  ];

  it('answers 404 to a stranger for every route of another seller’s endpoint', async () => {
    const apiKey = (await createApiKey(t, stranger)).key;
    for (const attempt of strangerAttempts()) {
      const viaSession = await asSeller(
        t.http()[attempt.method as 'get' | 'post'](attempt.path),
        stranger,
      );
      const viaKey = await t
        .http()
        [attempt.method as 'get' | 'post'](attempt.path)
        .set('X-API-Key', apiKey);
      for (const res of [viaSession, viaKey]) {
        expect({ path: attempt.path, status: res.status, code: res.body.error?.code }).toEqual({
          path: attempt.path,
          status: 404,
          code: 'WEBHOOK_ENDPOINT_NOT_FOUND',
        });
      }
    }
    expect(receiver.to('/owner')).toHaveLength(1);
    expect(receiver.to('/stranger')).toHaveLength(0);
  });

  it('does not find a delivery through an endpoint it does not belong to', async () => {
    const paths = [
      [stranger, `${base(strangerEndpoint.id)}/deliveries/${ownerDeliveryId}`],
      [owner, `${base(ownerSecondEndpoint.id)}/deliveries/${ownerDeliveryId}`],
    ] as const;
    for (const [as, path] of paths) {
      const got = await asSeller(t.http().get(path), as).expect(404);
      expect(got.body.error.code).toBe('WEBHOOK_DELIVERY_NOT_FOUND');
      const resent = await asSeller(t.http().post(`${path}/resend`), as).expect(404);
      expect(resent.body.error.code).toBe('WEBHOOK_DELIVERY_NOT_FOUND');
    }
    const strangerLog = await asSeller(
      t.http().get(`${base(strangerEndpoint.id)}/deliveries`),
      stranger,
    ).expect(200);
    expect(strangerLog.body).toEqual({ items: [], nextCursor: null });
  });

  it('keeps the seller id in every repository query', async () => {
    const deliveries = t.app.get(WebhookDeliveryRepository);
    expect(
      await deliveries.page({ sellerId: stranger.id, endpointId: ownerEndpoint.id, limit: 10 }),
    ).toEqual([]);
    expect(
      await deliveries.get({
        sellerId: stranger.id,
        endpointId: ownerEndpoint.id,
        id: ownerDeliveryId,
      }),
    ).toBeUndefined();
    expect(
      await t.app.get(WebhookAttemptRepository).forDeliveries(stranger.id, [ownerDeliveryId]),
    ).toEqual([]);
    await expect(
      deliveries.page({ sellerId: '', endpointId: ownerEndpoint.id, limit: 10 }),
    ).rejects.toThrow(/without a seller id/);
  });
});
