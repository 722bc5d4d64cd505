import { asSeller, createApiKey, createSeller, TestSeller } from './factories/seller.factory';
import { createTestApp, TestApp } from './support/test-app';

describe('API keys', () => {
  let t: TestApp;
  let seller: TestSeller;

  beforeAll(async () => {
    t = await createTestApp();
    seller = await createSeller(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const withKey = (key: string) => ({
    get: (path: string) => t.http().get(path).set('X-API-Key', key),
    put: (path: string, body: object) => t.http().put(path).set('X-API-Key', key).send(body),
  });
  const platformMode = { mode: 'platform' };

  it('creates a key shown once as mg_<prefix>_<secret>, stored only as a hash', async () => {
    const res = await asSeller(t.http().post('/api/sellers/api-keys'), seller)
      .send({ name: 'CI', scopes: ['read'] })
      .expect(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      name: 'CI',
      prefix: expect.stringMatching(/^mg_[0-9a-f]{12}$/),
      scopes: ['read'],
      createdAt: expect.any(String),
      key: expect.stringMatching(/^mg_[0-9a-f]{12}_[\w-]{43}$/),
    });
    expect(res.body.key.startsWith(`${res.body.prefix}_`)).toBe(true);
    const stored = await t.connection.collection('api_keys').findOne({ prefix: res.body.prefix });
    expect(stored?.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(res.body.key.slice(res.body.prefix.length + 1));
  });

  it('lists keys by name and prefix, never the key or its hash', async () => {
    const own = await createSeller(t);
    const key = await createApiKey(t, own, ['read']);
    const res = await asSeller(t.http().get('/api/sellers/api-keys'), own).expect(200);
    expect(res.body).toEqual([
      {
        id: key.id,
        name: 'key read',
        prefix: key.prefix,
        scopes: ['read'],
        createdAt: expect.any(String),
      },
    ]);
    expect(JSON.stringify(res.body)).not.toContain(key.key);
  });

  it('authenticates X-API-Key as its seller', async () => {
    const key = await createApiKey(t, seller, ['read']);
    const res = await withKey(key.key).get('/api/sellers/me').expect(200);
    expect(res.body.id).toBe(seller.id);
  });

  it('lets a read key GET but not change anything (INSUFFICIENT_SCOPE)', async () => {
    const key = await createApiKey(t, seller, ['read']);
    await withKey(key.key).get('/api/sellers/payment-settings').expect(200);
    const res = await withKey(key.key)
      .put('/api/sellers/payment-settings', platformMode)
      .expect(403);
    expect(res.body.error).toMatchObject({
      code: 'INSUFFICIENT_SCOPE',
      details: { required: 'write' },
    });
  });

  it('lets a write key change things but not read them', async () => {
    const key = await createApiKey(t, seller, ['write']);
    await withKey(key.key).put('/api/sellers/payment-settings', platformMode).expect(200);
    const res = await withKey(key.key).get('/api/sellers/payment-settings').expect(403);
    expect(res.body.error).toMatchObject({
      code: 'INSUFFICIENT_SCOPE',
      details: { required: 'read' },
    });
  });

  it('gives a logged-in seller every scope', async () => {
    await asSeller(t.http().get('/api/sellers/payment-settings'), seller).expect(200);
    await asSeller(t.http().put('/api/sellers/payment-settings'), seller)
      .send(platformMode)
      .expect(200);
  });

  it('stops accepting a key the moment it is revoked', async () => {
    const key = await createApiKey(t, seller);
    await withKey(key.key).get('/api/sellers/me').expect(200);
    await asSeller(t.http().delete(`/api/sellers/api-keys/${key.id}`), seller).expect(204);
    const res = await withKey(key.key).get('/api/sellers/me').expect(401);
    expect(res.body.error.code).toBe('INVALID_API_KEY');
    const listed = await asSeller(t.http().get('/api/sellers/api-keys'), seller);
    expect(listed.body.map((k: { id: string }) => k.id)).not.toContain(key.id);
    await asSeller(t.http().delete(`/api/sellers/api-keys/${key.id}`), seller).expect(404);
  });

  it('refuses keys that are malformed, unknown or tampered with', async () => {
    const key = await createApiKey(t, seller);
    const tampered = `${key.key.slice(0, -1)}${key.key.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of ['nonsense', 'mg_000000000000_' + 'x'.repeat(43), tampered]) {
      const res = await withKey(bad).get('/api/sellers/me').expect(401);
      expect(res.body.error.code).toBe('INVALID_API_KEY');
    }
  });

  it('keeps key management to logged-in sellers (SESSION_REQUIRED)', async () => {
    const key = await createApiKey(t, seller);
    for (const request of [
      t.http().get('/api/sellers/api-keys'),
      t
        .http()
        .post('/api/sellers/api-keys')
        .send({ name: 'more', scopes: ['read'] }),
      t.http().delete(`/api/sellers/api-keys/${key.id}`),
    ]) {
      const res = await request.set('X-API-Key', key.key).expect(403);
      expect(res.body.error.code).toBe('SESSION_REQUIRED');
    }
  });

  it('refuses bad key requests without storing anything', async () => {
    const before = await t.connection.collection('api_keys').countDocuments();
    for (const body of [
      { name: 'x', scopes: [] },
      { name: 'x', scopes: ['admin'] },
      { name: '', scopes: ['read'] },
      { name: 'x', scopes: ['read', 'read'] },
      { name: 'x', scopes: ['read'], key: 'mg_choose_my_own' },
    ]) {
      await asSeller(t.http().post('/api/sellers/api-keys'), seller).send(body).expect(400);
    }
    expect(await t.connection.collection('api_keys').countDocuments()).toBe(before);
  });
});
