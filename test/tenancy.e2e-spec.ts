import { TelegramFakeServer } from '@app/telegram-fake';
import { PaymentSettingsService } from '../src/payment-settings/payment-settings.service';
import { connectChannel } from './factories/channel.factory';
import { createPlan, planBody } from './factories/plan.factory';
import { asSeller, createApiKey, createSeller, TestSeller } from './factories/seller.factory';
import { createTelegramTestApp, TelegramTestApp } from './support/telegram-fake';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

interface Attempt {
  method: Method;
  path: string;
  body?: object;
}

/**
 * One seller-owned resource. To cover a new one (members, payments...), add an entry: how the
 * owner creates it, where it is listed, what a stranger might try, and the stored document that
 * must stay untouched.
 */
interface TenantResource {
  name: string;
  create: (owner: TestSeller) => Promise<string>;
  listPath: string;
  attempts: (id: string) => Attempt[];
  notFoundCode: string;
  stored: (id: string) => Promise<unknown>;
}

describe('Tenant isolation: one seller cannot see or touch another seller’s data', () => {
  let tg: TelegramFakeServer;
  let t: TelegramTestApp;
  let owner: TestSeller;
  let stranger: TestSeller;
  let ownerChannelId: string;

  beforeAll(async () => {
    tg = await TelegramFakeServer.start();
    t = await createTelegramTestApp({ tg, mode: 'webhook' });
    [owner, stranger] = await Promise.all([createSeller(t), createSeller(t)]);
    ownerChannelId = (await connectChannel(t, owner, tg, t.botToken)).id;
  });
  afterAll(async () => {
    await t.close();
    await tg.stop();
  });

  const byId = (collection: string) => async (id: string) => {
    const { ObjectId } = await import('mongodb');
    return t.connection.collection(collection).findOne({ _id: new ObjectId(id) });
  };

  const resources: TenantResource[] = [
    {
      name: 'channels',
      create: async (as) => (await connectChannel(t, as, tg, t.botToken)).id,
      listPath: '/api/sellers/channels',
      attempts: (id) => [
        { method: 'get', path: `/api/sellers/channels/${id}` },
        { method: 'post', path: `/api/sellers/channels/${id}/recheck` },
        { method: 'delete', path: `/api/sellers/channels/${id}` },
      ],
      notFoundCode: 'CHANNEL_NOT_FOUND',
      stored: byId('channels'),
    },
    {
      name: 'plans',
      create: async (as) => (await createPlan(t, as, [ownerChannelId])).id,
      listPath: '/api/sellers/plans?includeArchived=true',
      attempts: (id) => [
        { method: 'get', path: `/api/sellers/plans/${id}` },
        { method: 'patch', path: `/api/sellers/plans/${id}`, body: { priceMinor: 1 } },
        { method: 'post', path: `/api/sellers/plans/${id}/archive` },
      ],
      notFoundCode: 'PLAN_NOT_FOUND',
      stored: byId('plans'),
    },
    {
      name: 'api keys',
      create: async (as) => (await createApiKey(t, as)).id,
      listPath: '/api/sellers/api-keys',
      attempts: (id) => [{ method: 'delete', path: `/api/sellers/api-keys/${id}` }],
      notFoundCode: 'API_KEY_NOT_FOUND',
      stored: byId('api_keys'),
    },
    {
      name: 'webhook endpoints',
      create: async (as) =>
        (
          await asSeller(t.http().post('/api/sellers/webhooks'), as)
            .send({ url: 'https://example.com/owner' })
            .expect(201)
        ).body.id,
      listPath: '/api/sellers/webhooks',
      attempts: (id) => [
        { method: 'get', path: `/api/sellers/webhooks/${id}` },
        { method: 'patch', path: `/api/sellers/webhooks/${id}`, body: { enabled: false } },
        { method: 'post', path: `/api/sellers/webhooks/${id}/rotate-secret` },
        { method: 'delete', path: `/api/sellers/webhooks/${id}` },
      ],
      notFoundCode: 'WEBHOOK_ENDPOINT_NOT_FOUND',
      stored: byId('seller_webhook_endpoints'),
    },
  ];

  describe.each(resources)('$name', (resource) => {
    let id: string;
    let before: unknown;

    beforeAll(async () => {
      id = await resource.create(owner);
      before = await resource.stored(id);
    });

    it('are not in the other seller’s list', async () => {
      const res = await asSeller(t.http().get(resource.listPath), stranger).expect(200);
      expect(res.body.map((r: { id: string }) => r.id)).not.toContain(id);
      const own = await asSeller(t.http().get(resource.listPath), owner).expect(200);
      expect(own.body.map((r: { id: string }) => r.id)).toContain(id);
    });

    it('answer 404 to every read and change by the other seller, and stay unchanged', async () => {
      for (const attempt of resource.attempts(id)) {
        const request = asSeller(t.http()[attempt.method](attempt.path), stranger);
        const res = await (attempt.body ? request.send(attempt.body) : request);
        expect({ ...attempt, status: res.status, code: res.body?.error?.code }).toEqual({
          ...attempt,
          status: 404,
          code: resource.notFoundCode,
        });
      }
      expect(await resource.stored(id)).toEqual(before);
    });

    it('answer the same 404 as an id that does not exist, so existence does not leak', async () => {
      const [probe] = resource.attempts('665f1c2e8b3e4a0012345678');
      const missing = await asSeller(t.http()[probe.method](probe.path), stranger);
      const [real] = resource.attempts(id);
      const foreign = await asSeller(t.http()[real.method](real.path), stranger);
      expect(foreign.status).toBe(missing.status);
      expect(foreign.body.error.code).toBe(missing.body.error.code);
      expect(foreign.body.error.message).toBe(missing.body.error.message);
    });

    it('are out of reach of the other seller’s API key too', async () => {
      const key = await createApiKey(t, stranger);
      const attempt = resource.attempts(id).find((a) => a.method === 'get');
      if (attempt) {
        await t.http().get(attempt.path).set('X-API-Key', key.key).expect(404);
      }
      const list = await t.http().get(resource.listPath).set('X-API-Key', key.key);
      if (list.status === 200) {
        expect(list.body.map((r: { id: string }) => r.id)).not.toContain(id);
      } else {
        expect(list.body.error.code).toBe('SESSION_REQUIRED');
      }
    });
  });

  it('keeps a revoked-by-stranger attempt from touching the owner’s API key', async () => {
    const key = await createApiKey(t, owner);
    await asSeller(t.http().delete(`/api/sellers/api-keys/${key.id}`), stranger).expect(404);
    await t.http().get('/api/sellers/me').set('X-API-Key', key.key).expect(200);
  });

  it('keeps payment settings per seller', async () => {
    await asSeller(t.http().put('/api/sellers/payment-settings'), owner)
      .send({
        mode: 'own',
        stripeSecretKey: 'sk_test_ownerKey000001234',
        stripeWebhookSecret: 'whsec_ownerSecret00005678',
      })
      .expect(200);
    const seen = await asSeller(t.http().get('/api/sellers/payment-settings'), stranger).expect(
      200,
    );
    expect(seen.body).toMatchObject({ mode: 'platform', stripeSecretKeyLast4: null });
    expect(seen.body.webhookUrl).toContain(stranger.id);

    await asSeller(t.http().put('/api/sellers/payment-settings'), stranger)
      .send({ mode: 'platform' })
      .expect(200);
    const settings = t.app.get(PaymentSettingsService);
    await expect(settings.getStripeCredentials(owner.id)).resolves.toMatchObject({
      mode: 'own',
      secretKey: 'sk_test_ownerKey000001234',
    });
    await expect(settings.getStripeCredentials(stranger.id)).resolves.toEqual({ mode: 'platform' });
  });

  it('refuses a plan on another seller’s channel, like a channel that does not exist', async () => {
    const res = await asSeller(t.http().post('/api/sellers/plans'), stranger)
      .send(planBody([ownerChannelId]))
      .expect(422);
    expect(res.body.error).toMatchObject({
      code: 'CHANNEL_NOT_FOUND',
      details: { channelIds: [ownerChannelId] },
    });
  });

  it('ignores a sellerId smuggled into a body', async () => {
    const res = await asSeller(t.http().post('/api/sellers/webhooks'), stranger)
      .send({ url: 'https://example.com/x', sellerId: owner.id })
      .expect(400);
    expect(res.body.error.code).toBe('UNKNOWN_FIELD');
  });
});
