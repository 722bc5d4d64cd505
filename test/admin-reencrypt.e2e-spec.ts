import { keyIdOf } from '../src/common/crypto/secret-box';
import { PaymentSettingsService } from '../src/payment-settings/payment-settings.service';
import {
  asAdmin,
  loginAsAdmin,
  startAdminApp,
  type AdminTestApp,
  type TestAdmin,
} from './factories/admin.factory';
import { asSeller, createSeller } from './factories/seller.factory';
import { createEndpoint } from './factories/webhook-endpoint.factory';
import { createTestApp, TestApp, uniqueDbName } from './support/test-app';

const OWN = {
  mode: 'own',
  stripeSecretKey: 'sk_test_51ReEncrypt0000000000000001',
  stripeWebhookSecret: 'whsec_ReEncrypt00000000000001',
};
const keyBytes = (fill: number): Buffer => Buffer.alloc(32, fill);
const key = (fill: number): string => `base64:${keyBytes(fill).toString('base64')}`;
/** A SecretBox ciphertext names its key: `v1:<keyId>:<iv>:<tag>:<data>`. */
const keyIdIn = (sealed: unknown): string => String(sealed).split(':')[1];

describe('Admin re-encrypts stored secrets after a key rotation', () => {
  const dbName = uniqueDbName('reencrypt');
  /** Instances sharing the database (closed without dropping it). */
  const apps: TestApp[] = [];
  /** An instance still on the old key, and one deployed with the new key and the old as previous. */
  let before: TestApp;
  let withAdmin: AdminTestApp;
  let rotating: TestApp;
  let admin: TestAdmin;

  beforeAll(async () => {
    before = await createTestApp({ dbName, env: { ENCRYPTION_KEY: key(11) } });
    apps.push(before);
    withAdmin = await startAdminApp({
      botUsername: 'mg_reencrypt_bot',
      dbName,
      env: { ENCRYPTION_KEY: key(12), ENCRYPTION_KEYS_PREVIOUS: key(11) },
    });
    rotating = withAdmin.t;
    admin = await loginAsAdmin(withAdmin.t, withAdmin.adminId);
  });
  afterAll(async () => {
    await before.connection.dropDatabase();
    await withAdmin.close();
    await Promise.all(apps.map((a) => a.app.close()));
  });

  it('seals old secrets under the new key through the admin route, and they still open', async () => {
    const seller = await createSeller(before);
    await asSeller(before.http().put('/api/sellers/payment-settings'), seller)
      .send(OWN)
      .expect(200);
    const endpoint = await createEndpoint(before, seller, { url: 'https://example.com/hook' });

    const reencrypt = () =>
      asAdmin(rotating.http().post('/api/admin/system/reencrypt-secrets'), admin);

    const first = await reencrypt().expect(200);
    expect(first.body).toEqual({
      keyId: keyIdOf(keyBytes(12)),
      paymentSettings: { scanned: 1, reencrypted: 1 },
      webhookEndpoints: { scanned: 1, reencrypted: 1 },
    });
    const settings = await rotating.connection
      .collection('payment_settings')
      .findOne({ sellerId: seller.id });
    expect(keyIdIn(settings?.stripeSecretKeyEnc)).toBe(keyIdOf(keyBytes(12)));
    expect(keyIdIn(settings?.stripeWebhookSecretEnc)).toBe(keyIdOf(keyBytes(12)));
    const [hook] = await rotating.connection
      .collection('seller_webhook_endpoints')
      .find({ sellerId: seller.id })
      .toArray();
    expect(keyIdIn(hook?.secretEnc)).toBe(keyIdOf(keyBytes(12)));

    // Again: nothing left under the old key.
    expect((await reencrypt().expect(200)).body).toMatchObject({
      paymentSettings: { scanned: 1, reencrypted: 0 },
      webhookEndpoints: { scanned: 1, reencrypted: 0 },
    });

    // The old key can go: an instance with only the new one opens everything.
    const after = await createTestApp({ dbName, env: { ENCRYPTION_KEY: key(12) } });
    apps.push(after);
    await expect(
      after.app.get(PaymentSettingsService).getStripeCredentials(seller.id),
    ).resolves.toEqual({
      mode: 'own',
      secretKey: OWN.stripeSecretKey,
      webhookSecret: OWN.stripeWebhookSecret,
      livemode: false,
    });
    // Rotating the signing secret opens the current one first.
    const rotated = await asSeller(
      after.http().post(`/api/sellers/webhooks/${endpoint.id}/rotate-secret`),
      seller,
    ).expect(200);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
  });

  it('is for platform admins only', async () => {
    const seller = await createSeller(rotating);
    const route = () => rotating.http().post('/api/admin/system/reencrypt-secrets');
    const res = await asSeller(route(), seller).expect(403);
    expect(res.body.error.code).toBe('FORBIDDEN_ROLE');
    await route().expect(401);
  });
});
