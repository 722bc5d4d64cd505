import { Controller, Get, Module } from '@nestjs/common';
import { Auth } from '../src/auth/decorators/auth.decorator';
import { CurrentSeller } from '../src/auth/decorators/current-seller.decorator';
import { Roles } from '../src/auth/decorators/roles.decorator';
import type { AuthenticatedSeller } from '../src/auth/principal';
import {
  asSeller,
  createApiKey,
  createSeller,
  DEFAULT_PASSWORD,
  login,
  randomIp,
  uniqueEmail,
} from './factories/seller.factory';
import { FakeClock, MINUTE } from './support/fake-clock';
import { createTestApp, TestApp } from './support/test-app';

@Controller('test-admin-probe')
@Auth()
@Roles('admin')
class AdminProbeController {
  @Get()
  whoAmI(@CurrentSeller() seller: AuthenticatedSeller): AuthenticatedSeller {
    return seller;
  }
}

@Module({ controllers: [AdminProbeController] })
class AdminProbeModule {}

function decodeJwt(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

describe('Seller accounts and sessions', () => {
  let t: TestApp;
  const clock = new FakeClock('2026-03-01T10:00:00.000Z');

  beforeAll(async () => {
    t = await createTestApp({ clock, extraImports: [AdminProbeModule] });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('registration', () => {
    it('creates an account with a normalised e-mail and never answers the password or its hash', async () => {
      const email = uniqueEmail('Reg');
      const res = await t
        .http()
        .post('/api/sellers/register')
        .send({ email: `  ${email.toUpperCase()} `, password: DEFAULT_PASSWORD, name: ' Ann ' })
        .expect(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        email: email.toLowerCase(),
        name: 'Ann',
        role: 'seller',
        createdAt: '2026-03-01T10:00:00.000Z',
        updatedAt: '2026-03-01T10:00:00.000Z',
      });
      const stored = await t.connection
        .collection('sellers')
        .findOne({ email: email.toLowerCase() });
      expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
      expect(JSON.stringify(stored)).not.toContain(DEFAULT_PASSWORD);
    });

    it('refuses a second account for the same e-mail written differently (EMAIL_TAKEN)', async () => {
      const email = uniqueEmail('dup');
      await t
        .http()
        .post('/api/sellers/register')
        .send({ email, password: DEFAULT_PASSWORD, name: 'First' })
        .expect(201);
      const res = await t
        .http()
        .post('/api/sellers/register')
        .send({ email: email.toUpperCase(), password: DEFAULT_PASSWORD, name: 'Second' })
        .expect(409);
      expect(res.body.error.code).toBe('EMAIL_TAKEN');
      expect(await t.connection.collection('sellers').countDocuments({ email })).toBe(1);
    });

    it('lets exactly one of several simultaneous registrations of one e-mail succeed', async () => {
      const email = uniqueEmail('race');
      const answers = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          t
            .http()
            .post('/api/sellers/register')
            .send({ email, password: DEFAULT_PASSWORD, name: `Racer ${i}` }),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409]);
      expect(await t.connection.collection('sellers').countDocuments({ email })).toBe(1);
    });
  });

  describe('login', () => {
    it('answers a 15-minute access JWT (sub, role, typ) and an opaque refresh token', async () => {
      const seller = await createSeller(t);
      const res = await t
        .http()
        .post('/api/sellers/login')
        .set('X-Forwarded-For', randomIp())
        .send({ email: seller.email, password: seller.password })
        .expect(200);
      expect(res.body).toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.stringMatching(/^mgr_[\w-]{43}$/),
        tokenType: 'Bearer',
        expiresIn: 900,
      });
      const claims = decodeJwt(res.body.accessToken);
      expect(claims).toMatchObject({ sub: seller.id, role: 'seller', typ: 'access' });
      expect(Number(claims.exp) - Number(claims.iat)).toBe(900);
    });

    it('gives the same answer for an unknown e-mail and a wrong password', async () => {
      const seller = await createSeller(t);
      const unknown = await t
        .http()
        .post('/api/sellers/login')
        .set('X-Forwarded-For', randomIp())
        .send({ email: uniqueEmail('nobody'), password: 'whatever-password' })
        .expect(401);
      const wrong = await t
        .http()
        .post('/api/sellers/login')
        .set('X-Forwarded-For', randomIp())
        .send({ email: seller.email, password: 'wrong-password!' })
        .expect(401);
      expect(unknown.body.error.code).toBe('INVALID_CREDENTIALS');
      expect({ ...wrong.body.error, requestId: undefined }).toEqual({
        ...unknown.body.error,
        requestId: undefined,
      });
    });

    it('accepts the e-mail in any case and with spaces around it', async () => {
      const seller = await createSeller(t);
      await login(t, { email: ` ${seller.email.toUpperCase()} `, password: seller.password });
    });
  });

  describe('access tokens', () => {
    it('identifies the seller on GET /me', async () => {
      const seller = await createSeller(t);
      const res = await asSeller(t.http().get('/api/sellers/me'), seller).expect(200);
      expect(res.body).toMatchObject({ id: seller.id, email: seller.email, name: seller.name });
    });

    it('refuses a request without credentials (AUTH_REQUIRED) or with a forged token', async () => {
      expect((await t.http().get('/api/sellers/me').expect(401)).body.error.code).toBe(
        'AUTH_REQUIRED',
      );
      const seller = await createSeller(t);
      const [header, payload] = seller.accessToken.split('.');
      const forgedPayload = Buffer.from(
        JSON.stringify({ ...decodeJwt(seller.accessToken), role: 'admin' }),
      ).toString('base64url');
      for (const token of [
        'garbage',
        `${header}.${forgedPayload}.${seller.accessToken.split('.')[2]}`,
        `${header}.${payload}.`,
      ]) {
        const res = await t
          .http()
          .get('/api/sellers/me')
          .set('Authorization', `Bearer ${token}`)
          .expect(401);
        expect(res.body.error.code).toBe('INVALID_ACCESS_TOKEN');
      }
    });

    it('stops accepting an access token after 15 minutes (ACCESS_TOKEN_EXPIRED)', async () => {
      const seller = await createSeller(t);
      clock.advance(14 * MINUTE);
      await asSeller(t.http().get('/api/sellers/me'), seller).expect(200);
      clock.advance(2 * MINUTE);
      const res = await asSeller(t.http().get('/api/sellers/me'), seller).expect(401);
      expect(res.body.error.code).toBe('ACCESS_TOKEN_EXPIRED');
    });

    it('refuses a Bearer token and an API key sent together (AMBIGUOUS_CREDENTIALS)', async () => {
      const seller = await createSeller(t);
      const key = await createApiKey(t, seller);
      const res = await asSeller(t.http().get('/api/sellers/me'), seller)
        .set('X-API-Key', key.key)
        .expect(401);
      expect(res.body.error.code).toBe('AMBIGUOUS_CREDENTIALS');
    });
  });

  describe('profile', () => {
    it('renames the seller with PATCH /me', async () => {
      const seller = await createSeller(t);
      const res = await asSeller(t.http().patch('/api/sellers/me'), seller)
        .send({ name: 'New Name' })
        .expect(200);
      expect(res.body.name).toBe('New Name');
      expect((await asSeller(t.http().get('/api/sellers/me'), seller)).body.name).toBe('New Name');
    });

    it('changes the password only with the current one, and ends every session', async () => {
      const seller = await createSeller(t);
      const missing = await asSeller(t.http().patch('/api/sellers/me'), seller)
        .send({ newPassword: 'another long password' })
        .expect(400);
      expect(missing.body.error.code).toBe('VALIDATION_FAILED');
      const wrong = await asSeller(t.http().patch('/api/sellers/me'), seller)
        .send({ newPassword: 'another long password', currentPassword: 'not the password' })
        .expect(422);
      expect(wrong.body.error.code).toBe('INVALID_CURRENT_PASSWORD');

      await asSeller(t.http().patch('/api/sellers/me'), seller)
        .send({ newPassword: 'another long password', currentPassword: seller.password })
        .expect(200);
      await t
        .http()
        .post('/api/sellers/refresh')
        .send({ refreshToken: seller.refreshToken })
        .expect(401);
      await t
        .http()
        .post('/api/sellers/login')
        .set('X-Forwarded-For', randomIp())
        .send({ email: seller.email, password: seller.password })
        .expect(401);
      await login(t, { email: seller.email, password: 'another long password' });
    });

    it('refuses profile changes through an API key (SESSION_REQUIRED)', async () => {
      const seller = await createSeller(t);
      const key = await createApiKey(t, seller);
      const res = await t
        .http()
        .patch('/api/sellers/me')
        .set('X-API-Key', key.key)
        .send({ name: 'By key' })
        .expect(403);
      expect(res.body.error.code).toBe('SESSION_REQUIRED');
      await t.http().get('/api/sellers/me').set('X-API-Key', key.key).expect(200);
    });
  });

  describe('roles', () => {
    it('keeps @Roles("admin") routes from sellers and opens them to admins', async () => {
      const seller = await createSeller(t);
      const refused = await asSeller(t.http().get('/test-admin-probe'), seller).expect(403);
      expect(refused.body.error.code).toBe('FORBIDDEN_ROLE');

      const admin = await createSeller(t);
      await t.connection
        .collection('sellers')
        .updateOne({ email: admin.email }, { $set: { role: 'admin' } });
      const tokens = await login(t, admin);
      const res = await asSeller(t.http().get('/test-admin-probe'), tokens).expect(200);
      expect(res.body).toMatchObject({ id: admin.id, role: 'admin', via: 'jwt' });
    });

    it('never lets an API key act as an admin', async () => {
      const admin = await createSeller(t);
      await t.connection
        .collection('sellers')
        .updateOne({ email: admin.email }, { $set: { role: 'admin' } });
      const key = await createApiKey(t, admin);
      const res = await t.http().get('/test-admin-probe').set('X-API-Key', key.key).expect(403);
      expect(res.body.error.code).toBe('FORBIDDEN_ROLE');
    });
  });
});
