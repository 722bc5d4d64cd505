import { SellerWebhooksService } from '../src/seller-webhooks/seller-webhooks.service';
import { asSeller, createSeller, TestSeller } from './factories/seller.factory';
import { FakeClock, HOUR } from './support/fake-clock';
import { createTestApp, TestApp } from './support/test-app';

describe('Seller webhook endpoints', () => {
  const clock = new FakeClock('2026-05-01T12:00:00.000Z');
  let t: TestApp;
  let seller: TestSeller;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    seller = await createSeller(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const create = (as: TestSeller, body: object) =>
    asSeller(t.http().post('/api/sellers/webhooks'), as).send(body);
  const service = () => t.app.get(SellerWebhooksService);

  it('creates an endpoint with a whsec_ secret shown once and stored encrypted', async () => {
    const res = await create(seller, {
      url: 'https://example.com/hooks',
      events: ['payment.succeeded'],
      description: 'CRM',
    }).expect(201);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      url: 'https://example.com/hooks',
      events: ['payment.succeeded'],
      description: 'CRM',
      enabled: true,
      secretLast4: res.body.secret.slice(-4),
      secret: expect.stringMatching(/^whsec_[\w-]{43}$/),
      createdAt: '2026-05-01T12:00:00.000Z',
      updatedAt: '2026-05-01T12:00:00.000Z',
    });
    // Nothing secret-like besides the secret itself and its last 4 characters.
    expect(
      Object.keys(res.body)
        .filter((k) => /secret|enc/i.test(k))
        .sort(),
    ).toEqual(['secret', 'secretLast4']);
    const stored = await t.connection
      .collection('seller_webhook_endpoints')
      .findOne({ sellerId: seller.id, url: 'https://example.com/hooks' });
    expect(stored?.secretEnc).toMatch(/^v1:/);
    expect(JSON.stringify(stored)).not.toContain(res.body.secret);

    const shown = await asSeller(t.http().get(`/api/sellers/webhooks/${res.body.id}`), seller);
    expect(shown.body).not.toHaveProperty('secret');
    const listed = await asSeller(t.http().get('/api/sellers/webhooks'), seller).expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(res.body.secret);
  });

  it('gives the delivery worker the endpoints that want an event, with their secrets', async () => {
    const own = await createSeller(t);
    const all = await create(own, { url: 'https://a.example.com/x' }).expect(201);
    const payments = await create(own, {
      url: 'https://b.example.com/x',
      events: ['payment.succeeded', 'payment.failed'],
    }).expect(201);
    await create(own, { url: 'https://c.example.com/x', events: ['member.joined'] }).expect(201);
    await create(own, { url: 'https://d.example.com/x', enabled: false }).expect(201);

    const forPayment = await service().listActiveEndpointsFor(own.id, 'payment.succeeded');
    expect(forPayment).toEqual([
      { id: all.body.id, url: 'https://a.example.com/x', secret: all.body.secret },
      { id: payments.body.id, url: 'https://b.example.com/x', secret: payments.body.secret },
    ]);
    const forRightsLost = await service().listActiveEndpointsFor(own.id, 'channel.rights_lost');
    expect(forRightsLost.map((e) => e.id)).toEqual([all.body.id]);
  });

  it('updates url, events, description and enabled', async () => {
    const own = await createSeller(t);
    const endpoint = await create(own, { url: 'https://old.example.com/x' }).expect(201);
    clock.advance(1000);
    const res = await asSeller(t.http().patch(`/api/sellers/webhooks/${endpoint.body.id}`), own)
      .send({
        url: 'https://new.example.com/x',
        events: ['subscription.expired'],
        description: null,
        enabled: false,
      })
      .expect(200);
    expect(res.body).toMatchObject({
      url: 'https://new.example.com/x',
      events: ['subscription.expired'],
      description: null,
      enabled: false,
    });
    expect(res.body.updatedAt).not.toBe(res.body.createdAt);
    await expect(service().listActiveEndpointsFor(own.id, 'subscription.expired')).resolves.toEqual(
      [],
    );
  });

  it('deletes an endpoint: gone from the API and from deliveries', async () => {
    const own = await createSeller(t);
    const endpoint = await create(own, { url: 'https://gone.example.com/x' }).expect(201);
    await asSeller(t.http().delete(`/api/sellers/webhooks/${endpoint.body.id}`), own).expect(204);
    const res = await asSeller(t.http().get(`/api/sellers/webhooks/${endpoint.body.id}`), own);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('WEBHOOK_ENDPOINT_NOT_FOUND');
    await expect(service().listActiveEndpointsFor(own.id, 'member.left')).resolves.toEqual([]);
  });

  it('rotates the secret, signing with the old one too for 24 hours', async () => {
    const own = await createSeller(t);
    const endpoint = await create(own, { url: 'https://rotate.example.com/x' }).expect(201);
    const rotated = await asSeller(
      t.http().post(`/api/sellers/webhooks/${endpoint.body.id}/rotate-secret`),
      own,
    ).expect(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(endpoint.body.secret);
    expect(rotated.body.secretLast4).toBe(rotated.body.secret.slice(-4));

    const [during] = await service().listActiveEndpointsFor(own.id, 'member.joined');
    expect(during).toMatchObject({
      secret: rotated.body.secret,
      previousSecret: endpoint.body.secret,
    });
    clock.advance(24 * HOUR + 1000);
    const [after] = await service().listActiveEndpointsFor(own.id, 'member.joined');
    expect(after).toMatchObject({
      id: endpoint.body.id,
      url: 'https://rotate.example.com/x',
      secret: rotated.body.secret,
    });
    expect(after).not.toHaveProperty('previousSecret');
  });

  it('accepts http and local receivers outside production', async () => {
    const own = await createSeller(t);
    await create(own, { url: 'http://localhost:4000/hooks' }).expect(201);
  });

  it.each([
    ['an unknown event', { url: 'https://example.com/x', events: ['member.exploded'] }, 400],
    [
      'a repeated event',
      { url: 'https://example.com/x', events: ['member.left', 'member.left'] },
      400,
    ],
    ['a missing url', { events: [] }, 400],
    ['an ftp url', { url: 'ftp://example.com/x' }, 422],
    ['a url with credentials', { url: 'https://u:p@example.com/x' }, 422],
    ['a chosen secret', { url: 'https://example.com/x', secret: 'whsec_mine' }, 400],
  ])('refuses %s and stores nothing', async (_label, body, status) => {
    const own = await createSeller(t);
    const res = await create(own, body).expect(status);
    expect(['VALIDATION_FAILED', 'UNKNOWN_FIELD', 'INVALID_WEBHOOK_URL']).toContain(
      res.body.error.code,
    );
    expect(
      await t.connection
        .collection('seller_webhook_endpoints')
        .countDocuments({ sellerId: own.id }),
    ).toBe(0);
  });

  it('caps a seller at 10 endpoints', async () => {
    const own = await createSeller(t);
    for (let i = 0; i < 10; i += 1) {
      await create(own, { url: `https://example.com/${i}` }).expect(201);
    }
    const res = await create(own, { url: 'https://example.com/11' }).expect(422);
    expect(res.body.error.code).toBe('WEBHOOK_ENDPOINT_LIMIT_REACHED');
  });
});

describe('Seller webhook endpoints in production', () => {
  let t: TestApp;
  let seller: TestSeller;

  beforeAll(async () => {
    t = await createTestApp({ env: { NODE_ENV: 'production', LOG_LEVEL: 'silent' } });
    seller = await createSeller(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    'http://93.184.216.34/hook',
    'https://localhost/hook',
    'https://127.0.0.1/hook',
    'https://10.0.0.8/hook',
    'https://192.168.1.20/hook',
    'https://169.254.169.254/latest/meta-data',
    'https://[::1]/hook',
    'https://metadata.internal/hook',
  ])('refuses %s (https only, no private or loopback hosts)', async (url) => {
    const res = await asSeller(t.http().post('/api/sellers/webhooks'), seller)
      .send({ url })
      .expect(422);
    expect(res.body.error.code).toBe('INVALID_WEBHOOK_URL');
  });

  it('accepts an https URL on a public address', async () => {
    const res = await asSeller(t.http().post('/api/sellers/webhooks'), seller).send({
      url: 'https://93.184.216.34/hook',
    });
    // Status and body together, so a refusal shows its reason.
    expect({ status: res.status, body: res.body }).toMatchObject({
      status: 201,
      body: { url: 'https://93.184.216.34/hook' },
    });
  });

  it('checks the URL on update too', async () => {
    const created = await asSeller(t.http().post('/api/sellers/webhooks'), seller).send({
      url: 'https://93.184.216.34/other',
    });
    expect({ status: created.status, body: created.body }).toMatchObject({ status: 201 });
    const res = await asSeller(t.http().patch(`/api/sellers/webhooks/${created.body.id}`), seller)
      .send({ url: 'https://127.0.0.1/hook' })
      .expect(422);
    expect(res.body.error.code).toBe('INVALID_WEBHOOK_URL');
  });
});
