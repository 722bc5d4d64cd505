import {
  asAdmin,
  loginAsAdmin,
  startAdminApp,
  type AdminTestApp,
  type TestAdmin,
} from './factories/admin.factory';
import {
  asSeller,
  createApiKey,
  createSeller,
  login,
  randomIp,
  type TestSeller,
} from './factories/seller.factory';
import type { TelegramTestApp } from './support/telegram-fake';

describe('Admin disables a seller account', () => {
  let env: AdminTestApp;
  let t: TelegramTestApp;
  let admin: TestAdmin;

  beforeAll(async () => {
    env = await startAdminApp({ botUsername: 'mg_admin_sellers_bot' });
    t = env.t;
    admin = await loginAsAdmin(t, env.adminId);
  });
  afterAll(() => env.close());

  const disable = (sellerId: string, reason = 'Fraud reports') =>
    asAdmin(t.http().post(`/api/admin/sellers/${sellerId}/disable`), admin).send({ reason });
  const enable = (sellerId: string) =>
    asAdmin(t.http().post(`/api/admin/sellers/${sellerId}/enable`), admin);
  const refresh = (refreshToken: string) =>
    t.http().post('/api/sellers/refresh').send({ refreshToken });
  const me = (seller: { accessToken: string }) => asSeller(t.http().get('/api/sellers/me'), seller);
  const withKey = (key: string) => t.http().get('/api/sellers/me').set('X-API-Key', key);
  const logIn = (seller: TestSeller) =>
    t
      .http()
      .post('/api/sellers/login')
      .set('X-Forwarded-For', randomIp())
      .send({ email: seller.email, password: seller.password });

  it('revokes the API keys and sessions and stops the access tokens of a disabled seller', async () => {
    const seller = await createSeller(t);
    const bystander = await createSeller(t);
    const { key } = await createApiKey(t, seller);
    const { key: bystanderKey } = await createApiKey(t, bystander);
    await withKey(key).expect(200);
    await me(seller).expect(200);

    const res = await disable(seller.id).expect(200);
    expect(res.body).toMatchObject({
      id: seller.id,
      disabled: true,
      disabledBy: `tg:${admin.telegramId}`,
      disabledReason: 'Fraud reports',
    });

    expect((await withKey(key).expect(401)).body.error.code).toBe('INVALID_API_KEY');
    expect((await refresh(seller.refreshToken).expect(401)).body.error.code).toBe(
      'REFRESH_TOKEN_REVOKED',
    );
    expect((await me(seller).expect(403)).body.error.code).toBe('ACCOUNT_DISABLED');
    expect((await logIn(seller).expect(403)).body.error.code).toBe('ACCOUNT_DISABLED');

    // Nobody else is touched.
    await withKey(bystanderKey).expect(200);
    await me(bystander).expect(200);
    await refresh(bystander.refreshToken).expect(200);
  });

  it('keeps the first decision when a seller is disabled twice', async () => {
    const seller = await createSeller(t);
    const first = await disable(seller.id, 'first reason').expect(200);
    const second = await disable(seller.id, 'second reason').expect(200);
    expect(second.body).toMatchObject({
      disabled: true,
      disabledReason: 'first reason',
      disabledAt: first.body.disabledAt,
    });
  });

  it('lets an enabled seller log in again, while the revoked credentials stay revoked', async () => {
    const seller = await createSeller(t);
    const { key } = await createApiKey(t, seller);
    await disable(seller.id).expect(200);
    const res = await enable(seller.id).expect(200);
    expect(res.body).toMatchObject({ id: seller.id, disabled: false, disabledAt: null });
    expect(
      (await asAdmin(t.http().get(`/api/admin/sellers/${seller.id}`), admin).expect(200)).body,
    ).toMatchObject({ disabled: false });

    const fresh = await login(t, seller);
    await me(fresh).expect(200);
    await refresh(fresh.refreshToken).expect(200);
    await withKey(key).expect(401);
    await refresh(seller.refreshToken).expect(401);
  });

  it('answers 404 for an unknown seller and 403 to a seller calling the admin route', async () => {
    const seller = await createSeller(t);
    expect((await disable('665f1c2e8b3e4a0012345678').expect(404)).body.error.code).toBe(
      'SELLER_NOT_FOUND',
    );
    await disable('not-an-id').expect(404);
    const res = await asSeller(t.http().post(`/api/admin/sellers/${seller.id}/disable`), seller)
      .send({ reason: 'x' })
      .expect(403);
    expect(res.body.error.code).toBe('FORBIDDEN_ROLE');
    await me(seller).expect(200);
  });
});
