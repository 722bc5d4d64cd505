import {
  loginAsAdmin,
  startAdminApp,
  type AdminTestApp,
  type TestAdmin,
} from './factories/admin.factory';
import { createSeller, type TestSeller } from './factories/seller.factory';
import type { TelegramTestApp } from './support/telegram-fake';

describe('Seller and admin refresh tokens stay on their own routes', () => {
  let env: AdminTestApp;
  let t: TelegramTestApp;

  beforeAll(async () => {
    env = await startAdminApp({ botUsername: 'mg_cross_refresh_bot' });
    t = env.t;
  });
  afterAll(() => env.close());

  const post = (path: string, refreshToken: string) => t.http().post(path).send({ refreshToken });

  /** Every token and revocation on record, to show a refused request changed nothing. */
  const sessionState = async () => ({
    tokens: await t.connection.collection('refresh_tokens').countDocuments({}),
    revocations: await t.connection.collection('refresh_family_revocations').countDocuments({}),
  });

  let seller: TestSeller;
  let admin: TestAdmin;
  beforeEach(async () => {
    seller = await createSeller(t);
    admin = await loginAsAdmin(t, env.adminId);
  });

  it('refuses a seller refresh token on the admin refresh route without rotating it', async () => {
    const before = await sessionState();
    const res = await post('/api/admin/refresh', seller.refreshToken).expect(401);
    expect(res.body.error.code).toBe('INVALID_REFRESH_TOKEN');
    expect(await sessionState()).toEqual(before);
    // Not consumed: a rotated token would now be a reuse and end the seller's session.
    await post('/api/sellers/refresh', seller.refreshToken).expect(200);
  });

  it('refuses an admin refresh token on the seller refresh route without rotating it', async () => {
    const before = await sessionState();
    const res = await post('/api/sellers/refresh', admin.refreshToken).expect(401);
    expect(res.body.error.code).toBe('INVALID_REFRESH_TOKEN');
    expect(await sessionState()).toEqual(before);
    await post('/api/admin/refresh', admin.refreshToken).expect(200);
  });

  it('does not end a session when its token is sent to the other kind of logout', async () => {
    await post('/api/admin/logout', seller.refreshToken).expect(204);
    await post('/api/sellers/logout', admin.refreshToken).expect(204);
    await post('/api/sellers/refresh', seller.refreshToken).expect(200);
    await post('/api/admin/refresh', admin.refreshToken).expect(200);
  });
});
