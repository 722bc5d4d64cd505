import { TelegramFakeServer } from '@app/telegram-fake';
import { OutboxService } from '../src/outbox/outbox.service';
import {
  asAdmin,
  latestLoginCode,
  loginAsAdmin,
  requestLoginCode,
  startAdminApp,
} from './factories/admin.factory';
import { createApiKey, createSeller, randomIp } from './factories/seller.factory';
import { MINUTE } from './support/fake-clock';
import type { TelegramTestApp } from './support/telegram-fake';
import { MovableClock } from './support/telegram-outbox';

describe('Admin login by Telegram code', () => {
  let tg: TelegramFakeServer;
  let t: TelegramTestApp;
  let admins: number[];
  let close: () => Promise<void>;
  const clock = new MovableClock();

  beforeAll(async () => {
    ({
      tg,
      t,
      adminIds: admins,
      close,
    } = await startAdminApp({
      botUsername: 'mg_admin_auth_bot',
      admins: 6,
      clock,
    }));
  });
  afterAll(() => close());

  const login = (telegramId: number, code: string, ip = randomIp()) =>
    t.http().post('/api/admin/login').set('X-Forwarded-For', ip).send({ telegramId, code });

  it('sends an admin a 6-digit code by bot that logs them in with role admin, once', async () => {
    const [adminId] = admins;
    const res = await t
      .http()
      .post('/api/admin/request-login')
      .set('X-Forwarded-For', randomIp())
      .send({ telegramId: adminId })
      .expect(202);
    expect(res.body).toEqual({ sent: true, expiresInSeconds: 300 });
    const code = await latestLoginCode(t, adminId);
    expect(code).toMatch(/^\d{6}$/);

    const tokens = await login(adminId, code).expect(200);
    expect(tokens.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    const payload = JSON.parse(
      Buffer.from(String(tokens.body.accessToken).split('.')[1], 'base64url').toString(),
    );
    expect(payload).toMatchObject({ sub: `tg:${adminId}`, role: 'admin' });
    await asAdmin(t.http().get('/api/admin/users'), tokens.body).expect(200);

    const again = await login(adminId, code).expect(401);
    expect(again.body.error.code).toBe('INVALID_CODE');
  });

  it('never stores the code in clear text', async () => {
    const adminId = admins[1];
    await requestLoginCode(t, adminId);
    const code = await latestLoginCode(t, adminId);
    const stored = await t.connection
      .collection('admin_login_codes')
      .find({ telegramId: adminId })
      .toArray();
    expect(stored.length).toBeGreaterThan(0);
    expect(JSON.stringify(stored)).not.toContain(code);
  });

  it('refreshes an admin session with a single-use refresh token, and logs out', async () => {
    const admin = await loginAsAdmin(t, admins[2]);
    const refreshed = await t
      .http()
      .post('/api/admin/refresh')
      .send({ refreshToken: admin.refreshToken })
      .expect(200);
    await asAdmin(t.http().get('/api/admin/users'), refreshed.body).expect(200);
    const reused = await t
      .http()
      .post('/api/admin/refresh')
      .send({ refreshToken: admin.refreshToken })
      .expect(401);
    expect(reused.body.error.code).toBe('REFRESH_TOKEN_REUSED');

    const fresh = await loginAsAdmin(t, admins[2]);
    await t.http().post('/api/admin/logout').send({ refreshToken: fresh.refreshToken }).expect(204);
    const afterLogout = await t
      .http()
      .post('/api/admin/refresh')
      .send({ refreshToken: fresh.refreshToken })
      .expect(401);
    expect(afterLogout.body.error.code).toBe('REFRESH_TOKEN_REVOKED');
  });

  it('does not refresh a seller session as an admin one', async () => {
    const seller = await createSeller(t);
    const res = await t
      .http()
      .post('/api/admin/refresh')
      .send({ refreshToken: seller.refreshToken })
      .expect(401);
    expect(res.body.error.code).toBe('INVALID_REFRESH_TOKEN');
  });

  it('answers a non-admin id exactly as an admin id, and sends it nothing', async () => {
    const stranger = tg.createUser().id;
    tg.core.chats.ensureDialog(tg.core.bot(t.botToken).id, stranger).started = true;
    const outbox = t.app.get(OutboxService);
    const backlogBefore = (await outbox.stats()).byStatus;
    const forStranger = await t
      .http()
      .post('/api/admin/request-login')
      .set('X-Forwarded-For', randomIp())
      .send({ telegramId: stranger })
      .expect(202);
    expect((await outbox.stats()).byStatus).toEqual(backlogBefore);
    const forAdmin = await t
      .http()
      .post('/api/admin/request-login')
      .set('X-Forwarded-For', randomIp())
      .send({ telegramId: admins[3] })
      .expect(202);
    expect(forStranger.body).toEqual(forAdmin.body);
    await outbox.drainDue();
    expect(tg.messagesTo(stranger, { bot: t.botToken })).toHaveLength(0);

    // Wrong codes: the same answers, in the same order, for both ids.
    const sequence = async (telegramId: number): Promise<string[]> => {
      const answers: string[] = [];
      for (let i = 0; i < 6; i += 1) {
        const res = await login(telegramId, '000000');
        answers.push(
          `${res.status} ${res.body.error.code} ${JSON.stringify(res.body.error.details)}`,
        );
      }
      return answers;
    };
    const strangerAnswers = await sequence(stranger);
    expect(await sequence(admins[3])).toEqual(strangerAnswers);
  });

  it('refuses wrong codes with INVALID_CODE, then CODE_ATTEMPTS_EXCEEDED with Retry-After after 5 tries, even for the right code', async () => {
    const adminId = admins[4];
    await requestLoginCode(t, adminId);
    const code = await latestLoginCode(t, adminId);
    const wrong = code === '999999' ? '999998' : '999999';
    for (let left = 4; left >= 0; left -= 1) {
      const res = await login(adminId, wrong).expect(401);
      expect(res.body.error).toMatchObject({
        code: 'INVALID_CODE',
        details: { attemptsLeft: left },
      });
    }
    const exceeded = await login(adminId, code).expect(429);
    expect(exceeded.body.error.code).toBe('CODE_ATTEMPTS_EXCEEDED');
    expect(Number(exceeded.headers['retry-after'])).toBeGreaterThanOrEqual(1);

    // A new code starts a new count.
    await requestLoginCode(t, adminId);
    const next = await latestLoginCode(t, adminId);
    expect(next).not.toBe('');
    await login(adminId, next).expect(200);
  });

  it('gives a code exactly 5 tries when many wrong guesses arrive at once', async () => {
    const adminId = admins[5];
    await requestLoginCode(t, adminId);
    const code = await latestLoginCode(t, adminId);
    const wrong = code === '123456' ? '654321' : '123456';
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => login(adminId, wrong).then((r) => r.status)),
    );
    expect(answers.filter((s) => s === 401)).toHaveLength(5);
    expect(answers.filter((s) => s === 429)).toHaveLength(7);
  });

  it('lets only the newest code work, and only for 5 minutes', async () => {
    const adminId = admins[0];
    await requestLoginCode(t, adminId);
    const first = await latestLoginCode(t, adminId);
    await requestLoginCode(t, adminId);
    const second = await latestLoginCode(t, adminId);
    if (first !== second) {
      expect((await login(adminId, first).expect(401)).body.error.code).toBe('INVALID_CODE');
    }
    clock.advance(5 * MINUTE + 1_000);
    expect((await login(adminId, second).expect(401)).body.error.code).toBe('INVALID_CODE');
    // Moving on 15 minutes also clears this id's request window for the next tests.
    clock.advance(15 * MINUTE);
  });

  it('limits code requests to 5 per 15 minutes per Telegram id, across IPs, with Retry-After', async () => {
    const adminId = admins[1];
    for (let i = 0; i < 5; i += 1) {
      await requestLoginCode(t, adminId);
    }
    const refused = await t
      .http()
      .post('/api/admin/request-login')
      .set('X-Forwarded-For', randomIp())
      .send({ telegramId: adminId })
      .expect(429);
    expect(refused.body.error.code).toBe('LOGIN_REQUESTS_THROTTLED');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);

    // The same limit for an id that is not an admin: the answer must not tell them apart.
    const stranger = tg.createUser().id;
    for (let i = 0; i < 5; i += 1) {
      await requestLoginCode(t, stranger);
    }
    const strangerRefused = await t
      .http()
      .post('/api/admin/request-login')
      .set('X-Forwarded-For', randomIp())
      .send({ telegramId: stranger })
      .expect(429);
    expect(strangerRefused.body.error.code).toBe('LOGIN_REQUESTS_THROTTLED');

    clock.advance(15 * MINUTE + 1_000);
    await requestLoginCode(t, adminId);
  });

  it('limits code requests to 5 per 15 minutes per client IP, across ids', async () => {
    const ip = randomIp();
    for (let i = 0; i < 5; i += 1) {
      await requestLoginCode(t, tg.createUser().id, ip);
    }
    const refused = await t
      .http()
      .post('/api/admin/request-login')
      .set('X-Forwarded-For', ip)
      .send({ telegramId: admins[2] })
      .expect(429);
    expect(refused.body.error.code).toBe('LOGIN_REQUESTS_THROTTLED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refuses admin routes to anonymous callers (401), seller tokens and API keys (403)', async () => {
    const seller = await createSeller(t);
    const key = await createApiKey(t, seller);
    for (const path of ['/api/admin/users', '/api/admin/recovery/test-system']) {
      const anonymous = await t.http().get(path).expect(401);
      expect(anonymous.body.error.code).toBe('AUTH_REQUIRED');
      const asSeller = await t
        .http()
        .get(path)
        .set('Authorization', `Bearer ${seller.accessToken}`)
        .expect(403);
      expect(asSeller.body.error.code).toBe('FORBIDDEN_ROLE');
      const withKey = await t.http().get(path).set('X-API-Key', key.key).expect(403);
      expect(withKey.body.error.code).toBe('SESSION_REQUIRED');
    }
  });

  it('documents every admin route in Swagger with its auth, answers and errors', async () => {
    const doc = (await t.http().get('/docs-json').expect(200)).body as {
      paths: Record<
        string,
        Record<string, { security?: unknown[]; responses: Record<string, unknown> }>
      >;
    };
    const routes = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/admin'))
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => ({ path, method, op })),
      );
    const expected = [
      'post /api/admin/request-login',
      'post /api/admin/login',
      'post /api/admin/refresh',
      'post /api/admin/logout',
      'get /api/admin/stats',
      'get /api/admin/users',
      'get /api/admin/users/{telegramId}',
      'post /api/admin/users/{telegramId}/ban',
      'post /api/admin/users/{telegramId}/unban',
      'get /api/admin/sellers/{sellerId}',
      'post /api/admin/sellers/{sellerId}/disable',
      'post /api/admin/sellers/{sellerId}/enable',
      'get /api/admin/recovery/test-system',
      'post /api/admin/system/reencrypt-secrets',
      'get /api/admin/recovery/stats',
      'get /api/admin/recovery/failed-deliveries',
      'get /api/admin/recovery/payments/{paymentId}',
      'post /api/admin/recovery/process-failed',
      'post /api/admin/recovery/recover/{paymentId}',
      'post /api/admin/recovery/bulk-recovery',
    ];
    expect(routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual([...expected].sort());
    const open = [
      '/api/admin/request-login',
      '/api/admin/login',
      '/api/admin/refresh',
      '/api/admin/logout',
    ];
    for (const { path, method, op } of routes) {
      const codes = Object.keys(op.responses);
      expect(codes.some((code) => code.startsWith('2'))).toBe(true);
      if (open.includes(path)) {
        expect(op.security ?? []).toEqual([]);
        expect(codes).toContain('400');
      } else {
        expect({ route: `${method} ${path}`, security: op.security }).toEqual({
          route: `${method} ${path}`,
          security: [{ jwt: [] }],
        });
        expect(codes).toEqual(expect.arrayContaining(['401', '403']));
      }
    }
  });
});
