import { AccessTokenService } from '../src/auth/access-token.service';
import { createTestApp, TestApp } from './support/test-app';

describe('Roles on seller and admin routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a platform-admin token on seller routes, which act for a seller account', async () => {
    const { accessToken } = t.app
      .get(AccessTokenService)
      .issue({ sellerId: 'tg:4242', role: 'admin' });
    for (const path of ['/api/sellers/me', '/api/sellers/plans', '/api/sellers/channels']) {
      const res = await t
        .http()
        .get(path)
        .set('Authorization', `Bearer ${accessToken}`)
        .expect(403);
      expect(res.body.error.code).toBe('FORBIDDEN_ROLE');
    }
  });

  it('refuses a seller token on admin routes', async () => {
    const reg = await t
      .http()
      .post('/api/sellers/register')
      .send({
        email: `roles-${Date.now()}@example.com`,
        password: 'correct horse battery',
        name: 'Roles',
      })
      .expect(201);
    const login = await t
      .http()
      .post('/api/sellers/login')
      .send({ email: reg.body.email ?? reg.body.seller?.email, password: 'correct horse battery' });
    const token = (login.body.accessToken ?? reg.body.accessToken) as string;
    const res = await t
      .http()
      .get('/api/admin/stats')
      .set('Authorization', `Bearer ${token}`)
      .expect(403);
    expect(res.body.error.code).toBe('FORBIDDEN_ROLE');
  });
});
