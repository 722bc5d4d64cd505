import {
  asSeller,
  createSeller,
  DEFAULT_PASSWORD,
  TestSeller,
  uniqueEmail,
} from './factories/seller.factory';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Bad input gets a 400 (or 413) with a stable code, and nothing is stored: each case counts the
 * documents of the collection it aims at before and after.
 */
describe('Bad input', () => {
  let t: TestApp;
  let seller: TestSeller;

  beforeAll(async () => {
    t = await createTestApp();
    seller = await createSeller(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const count = (collection: string) => t.connection.collection(collection).countDocuments();

  async function expectRefused(params: {
    send: () => PromiseLike<{ status: number; body: { error?: { code: string } } }>;
    collection: string;
    status?: number;
    codes: string[];
  }): Promise<void> {
    const before = await count(params.collection);
    const res = await params.send();
    expect({ status: res.status, code: res.body.error?.code }).toEqual({
      status: params.status ?? 400,
      code: expect.stringMatching(new RegExp(`^(${params.codes.join('|')})$`)),
    });
    expect(await count(params.collection)).toBe(before);
  }

  const register = (body: unknown) =>
    t
      .http()
      .post('/api/sellers/register')
      .set('Content-Type', 'application/json')
      .send(body as object);

  describe('registration', () => {
    it.each([
      ['an invalid e-mail', { email: 'not-an-email', password: DEFAULT_PASSWORD, name: 'A' }],
      ['an e-mail with an operator', { email: { $gt: '' }, password: DEFAULT_PASSWORD, name: 'A' }],
      ['a short password', { email: uniqueEmail(), password: 'short', name: 'A' }],
      ['a 9-character password', { email: uniqueEmail(), password: '123456789', name: 'A' }],
      ['a huge password', { email: uniqueEmail(), password: 'x'.repeat(300), name: 'A' }],
      ['a password that is a number', { email: uniqueEmail(), password: 1234567890123, name: 'A' }],
      ['an empty name', { email: uniqueEmail(), password: DEFAULT_PASSWORD, name: '   ' }],
      ['a missing name', { email: uniqueEmail(), password: DEFAULT_PASSWORD }],
      ['an array body', [{ email: uniqueEmail(), password: DEFAULT_PASSWORD, name: 'A' }]],
    ])('refuses %s', async (_label, body) => {
      await expectRefused({
        send: () => register(body),
        collection: 'sellers',
        codes: ['VALIDATION_FAILED', 'UNSAFE_INPUT'],
      });
    });

    it('refuses a field it does not know, such as a role (UNKNOWN_FIELD)', async () => {
      await expectRefused({
        send: () =>
          register({ email: uniqueEmail(), password: DEFAULT_PASSWORD, name: 'A', role: 'admin' }),
        collection: 'sellers',
        codes: ['UNKNOWN_FIELD'],
      });
    });

    it('refuses broken JSON (INVALID_JSON)', async () => {
      await expectRefused({
        send: () =>
          t
            .http()
            .post('/api/sellers/register')
            .set('Content-Type', 'application/json')
            .send('{"email":'),
        collection: 'sellers',
        codes: ['INVALID_JSON'],
      });
    });

    it('refuses a body over 100 kB with 413 PAYLOAD_TOO_LARGE', async () => {
      await expectRefused({
        send: () =>
          register({ email: uniqueEmail(), password: DEFAULT_PASSWORD, name: 'x'.repeat(120_000) }),
        collection: 'sellers',
        status: 413,
        codes: ['PAYLOAD_TOO_LARGE'],
      });
    });
  });

  describe('login', () => {
    it('refuses an operator instead of an e-mail, and does not log anyone in', async () => {
      await expectRefused({
        send: () =>
          t
            .http()
            .post('/api/sellers/login')
            .send({ email: { $ne: null }, password: { $ne: null } }),
        collection: 'login_attempts',
        codes: ['UNSAFE_INPUT'],
      });
    });

    it('refuses a dotted key', async () => {
      await expectRefused({
        send: () => t.http().post('/api/sellers/login').send({ 'email.x': 'a', password: 'b' }),
        collection: 'login_attempts',
        codes: ['UNSAFE_INPUT'],
      });
    });
  });

  describe('authenticated writes', () => {
    it.each([
      [
        'a MongoDB operator in a nested field',
        { url: 'https://example.com', events: [{ $where: '1' }] },
      ],
      ['a wrong type', { url: 12345 }],
      ['an unknown field', { url: 'https://example.com', owner: 'me' }],
      ['a boolean as text', { url: 'https://example.com', enabled: 'yes' }],
    ])('refuses %s on webhooks', async (_label, body) => {
      await expectRefused({
        send: () => asSeller(t.http().post('/api/sellers/webhooks'), seller).send(body),
        collection: 'seller_webhook_endpoints',
        codes: ['VALIDATION_FAILED', 'UNKNOWN_FIELD', 'UNSAFE_INPUT'],
      });
    });

    it.each([
      ['an operator as price', { priceMinor: { $gt: 0 } }],
      ['a price as text', { priceMinor: '1999' }],
      ['a channel list with an operator', { channelIds: { $in: [] } }],
    ])('refuses %s on plans', async (_label, overrides) => {
      await expectRefused({
        send: () =>
          asSeller(t.http().post('/api/sellers/plans'), seller).send({
            name: 'P',
            priceMinor: 100,
            currency: 'USD',
            durationDays: 30,
            channelIds: ['665f1c2e8b3e4a0012345678'],
            ...overrides,
          }),
        collection: 'plans',
        codes: ['VALIDATION_FAILED', 'UNSAFE_INPUT'],
      });
    });

    it('refuses an oversized plan body with 413', async () => {
      await expectRefused({
        send: () =>
          asSeller(t.http().post('/api/sellers/plans'), seller).send({
            name: 'P',
            description: 'x'.repeat(150_000),
          }),
        collection: 'plans',
        status: 413,
        codes: ['PAYLOAD_TOO_LARGE'],
      });
    });

    it('refuses operators and unknown keys in a query string', async () => {
      for (const query of [
        '$where=1',
        'includeArchived.$ne=false',
        'includeArchived[$ne]=false',
        'sellerId=someone',
      ]) {
        const res = await asSeller(t.http().get(`/api/sellers/plans?${query}`), seller);
        expect({ query, status: res.status, code: res.body.error?.code }).toEqual({
          query,
          status: 400,
          code: expect.stringMatching(/^(UNSAFE_INPUT|UNKNOWN_FIELD)$/),
        });
      }
    });

    it('answers 404, not 500, for path ids that are not ids', async () => {
      for (const path of [
        '/api/sellers/plans/%24gt',
        '/api/sellers/channels/000',
        '/api/sellers/webhooks/zzzzzzzzzzzzzzzzzzzzzzzz',
      ]) {
        const res = await asSeller(t.http().get(path), seller);
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
      }
    });

    it('refuses a payment-settings body with an operator and keeps the settings', async () => {
      await expectRefused({
        send: () =>
          asSeller(t.http().put('/api/sellers/payment-settings'), seller).send({
            mode: 'own',
            stripeSecretKey: { $exists: true },
            stripeWebhookSecret: 'whsec_abcdefghijkl',
          }),
        collection: 'payment_settings',
        codes: ['UNSAFE_INPUT'],
      });
    });
  });
});
