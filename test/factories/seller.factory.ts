import { randomBytes } from 'node:crypto';
import type { Test } from 'supertest';
import type { TestApp } from '../support/test-app';

export const DEFAULT_PASSWORD = 'correct horse battery staple';

export interface TestSeller {
  id: string;
  email: string;
  password: string;
  name: string;
  accessToken: string;
  refreshToken: string;
}

/** A unique e-mail per call, so suites never collide on the unique index. */
export function uniqueEmail(label = 'seller'): string {
  return `${label}-${randomBytes(5).toString('hex')}@example.com`;
}

/** Registers a seller through the API and logs in; each call makes a fresh account. */
export async function createSeller(
  t: TestApp,
  overrides: { email?: string; password?: string; name?: string; ip?: string } = {},
): Promise<TestSeller> {
  const email = overrides.email ?? uniqueEmail();
  const password = overrides.password ?? DEFAULT_PASSWORD;
  const name = overrides.name ?? `Seller ${randomBytes(3).toString('hex')}`;
  const registered = await t
    .http()
    .post('/api/sellers/register')
    .send({ email, password, name })
    .expect(201);
  const tokens = await login(t, { email, password, ip: overrides.ip });
  return { id: registered.body.id, email, password, name, ...tokens };
}

export async function login(
  t: TestApp,
  credentials: { email: string; password: string; ip?: string },
): Promise<{ accessToken: string; refreshToken: string }> {
  const res = await t
    .http()
    .post('/api/sellers/login')
    .set('X-Forwarded-For', credentials.ip ?? randomIp())
    .send({ email: credentials.email, password: credentials.password })
    .expect(200);
  return { accessToken: res.body.accessToken, refreshToken: res.body.refreshToken };
}

/** A documentation-range address, different per call: login throttling counts per IP. */
export function randomIp(): string {
  const bytes = randomBytes(2);
  return `198.51.${bytes[0]}.${bytes[1]}`;
}

export function asSeller<T extends Test>(request: T, seller: { accessToken: string }): T {
  return request.set('Authorization', `Bearer ${seller.accessToken}`);
}

export async function createApiKey(
  t: TestApp,
  seller: TestSeller,
  scopes: ('read' | 'write')[] = ['read', 'write'],
): Promise<{ id: string; key: string; prefix: string }> {
  const res = await t
    .http()
    .post('/api/sellers/api-keys')
    .set('Authorization', `Bearer ${seller.accessToken}`)
    .send({ name: `key ${scopes.join('+')}`, scopes })
    .expect(201);
  return { id: res.body.id, key: res.body.key, prefix: res.body.prefix };
}
