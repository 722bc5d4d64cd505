import { PaymentSettingsService } from '../src/payment-settings/payment-settings.service';
import { SellerWebhooksService } from '../src/seller-webhooks/seller-webhooks.service';
import { asSeller, createSeller, TestSeller } from './factories/seller.factory';
import { createTestApp, TestApp, uniqueDbName } from './support/test-app';

const OWN = {
  mode: 'own',
  stripeSecretKey: 'sk_test_51AbCdEfGhIjKlMnOpQrStUv1234',
  stripeWebhookSecret: 'whsec_AbCdEfGhIjKlMnOpQrSt5678',
};
const key = (fill: number): string => `base64:${Buffer.alloc(32, fill).toString('base64')}`;

describe('Payment settings', () => {
  let t: TestApp;
  let seller: TestSeller;

  beforeAll(async () => {
    t = await createTestApp();
    seller = await createSeller(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (as: TestSeller) => asSeller(t.http().get('/api/sellers/payment-settings'), as);
  const put = (as: TestSeller, body: object) =>
    asSeller(t.http().put('/api/sellers/payment-settings'), as).send(body);

  it('starts on the platform account and names the Stripe webhook URL to configure', async () => {
    const res = await get(seller).expect(200);
    expect(res.body).toEqual({
      mode: 'platform',
      stripeSecretKeyLast4: null,
      stripeWebhookSecretLast4: null,
      stripeLivemode: null,
      webhookUrl: `http://localhost:3000/api/payments/webhook/${seller.id}`,
      updatedAt: null,
    });
    await expect(
      t.app.get(PaymentSettingsService).getStripeCredentials(seller.id),
    ).resolves.toEqual({ mode: 'platform' });
  });

  it('stores own Stripe keys encrypted and shows only their last 4 characters', async () => {
    const own = await createSeller(t);
    const res = await put(own, OWN).expect(200);
    expect(res.body).toMatchObject({
      mode: 'own',
      stripeSecretKeyLast4: '1234',
      stripeWebhookSecretLast4: '5678',
      stripeLivemode: false,
    });
    const answers = JSON.stringify([res.body, (await get(own)).body]);
    expect(answers).not.toContain(OWN.stripeSecretKey);
    expect(answers).not.toContain(OWN.stripeWebhookSecret);

    const stored = await t.connection.collection('payment_settings').findOne({ sellerId: own.id });
    expect(stored?.stripeSecretKeyEnc).toMatch(/^v1:[0-9a-f]{12}:/);
    expect(JSON.stringify(stored)).not.toContain(OWN.stripeSecretKey);
    expect(JSON.stringify(stored)).not.toContain(OWN.stripeWebhookSecret);

    await expect(t.app.get(PaymentSettingsService).getStripeCredentials(own.id)).resolves.toEqual({
      mode: 'own',
      secretKey: OWN.stripeSecretKey,
      webhookSecret: OWN.stripeWebhookSecret,
      livemode: false,
    });
  });

  it('recognises a live key', async () => {
    const own = await createSeller(t);
    const res = await put(own, { ...OWN, stripeSecretKey: 'rk_live_ZyXwVuTsRqPoNm9876' }).expect(
      200,
    );
    expect(res.body.stripeLivemode).toBe(true);
  });

  it('drops the keys when switching back to the platform', async () => {
    const own = await createSeller(t);
    await put(own, OWN).expect(200);
    const res = await put(own, { mode: 'platform' }).expect(200);
    expect(res.body).toMatchObject({ mode: 'platform', stripeSecretKeyLast4: null });
    const stored = await t.connection.collection('payment_settings').findOne({ sellerId: own.id });
    expect(stored).toMatchObject({ stripeSecretKeyEnc: null, stripeWebhookSecretEnc: null });
    await expect(t.app.get(PaymentSettingsService).getStripeCredentials(own.id)).resolves.toEqual({
      mode: 'platform',
    });
  });

  it.each([
    ['own without keys', { mode: 'own' }],
    ['own without the webhook secret', { mode: 'own', stripeSecretKey: OWN.stripeSecretKey }],
    ['a publishable key', { ...OWN, stripeSecretKey: 'pk_test_51AbCdEfGhIjKlMn' }],
    ['a webhook secret of the wrong shape', { ...OWN, stripeWebhookSecret: 'secret123456' }],
    ['an unknown mode', { mode: 'stripe-connect' }],
    ['keys with the platform mode', { mode: 'platform', stripeSecretKey: OWN.stripeSecretKey }],
  ])('refuses %s with 400 and keeps what was stored', async (_label, body) => {
    const own = await createSeller(t);
    await put(own, OWN).expect(200);
    const res = await put(own, body).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect((await get(own)).body).toMatchObject({ mode: 'own', stripeSecretKeyLast4: '1234' });
  });

  it('will not open a ciphertext copied into another seller’s row', async () => {
    const victim = await createSeller(t);
    const thief = await createSeller(t);
    await put(victim, OWN).expect(200);
    await put(thief, { ...OWN, stripeSecretKey: 'sk_test_thief0000000000' }).expect(200);
    const settings = t.connection.collection('payment_settings');
    const stolen = await settings.findOne({ sellerId: victim.id });
    await settings.updateOne(
      { sellerId: thief.id },
      { $set: { stripeSecretKeyEnc: stolen?.stripeSecretKeyEnc } },
    );
    await expect(
      t.app.get(PaymentSettingsService).getStripeCredentials(thief.id),
    ).rejects.toThrow();
  });
});

describe('Encryption key rotation', () => {
  const dbName = uniqueDbName('rotation');
  const apps: TestApp[] = [];
  const boot = async (env: Record<string, string>): Promise<TestApp> => {
    const app = await createTestApp({ dbName, env });
    apps.push(app);
    return app;
  };

  afterAll(async () => {
    await apps[0]?.connection.dropDatabase();
    await Promise.all(apps.map((a) => a.app.close()));
  });

  it('reads old secrets with the previous key, re-encrypts them all, then needs only the new key', async () => {
    const before = await boot({ ENCRYPTION_KEY: key(1) });
    const seller = await createSeller(before);
    await asSeller(before.http().put('/api/sellers/payment-settings'), seller)
      .send(OWN)
      .expect(200);
    const endpoint = await asSeller(before.http().post('/api/sellers/webhooks'), seller)
      .send({ url: 'https://example.com/hook' })
      .expect(201);

    const newKeyOnly = await boot({ ENCRYPTION_KEY: key(2) });
    await expect(
      newKeyOnly.app.get(PaymentSettingsService).getStripeCredentials(seller.id),
    ).rejects.toThrow();

    const rotating = await boot({ ENCRYPTION_KEY: key(2), ENCRYPTION_KEYS_PREVIOUS: key(1) });
    const payments = rotating.app.get(PaymentSettingsService);
    const webhooks = rotating.app.get(SellerWebhooksService);
    await expect(payments.getStripeCredentials(seller.id)).resolves.toMatchObject({
      secretKey: OWN.stripeSecretKey,
    });
    await expect(payments.reencryptAll()).resolves.toEqual({ scanned: 1, reencrypted: 1 });
    await expect(webhooks.reencryptAll()).resolves.toEqual({ scanned: 1, reencrypted: 1 });
    await expect(payments.reencryptAll()).resolves.toEqual({ scanned: 1, reencrypted: 0 });

    await expect(
      newKeyOnly.app.get(PaymentSettingsService).getStripeCredentials(seller.id),
    ).resolves.toEqual({
      mode: 'own',
      secretKey: OWN.stripeSecretKey,
      webhookSecret: OWN.stripeWebhookSecret,
      livemode: false,
    });
    const [deliverable] = await newKeyOnly.app
      .get(SellerWebhooksService)
      .listActiveEndpointsFor(seller.id, 'payment.succeeded');
    expect(deliverable?.secret).toBe(endpoint.body.secret);
  });
});
