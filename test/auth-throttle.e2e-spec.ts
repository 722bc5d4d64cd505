import { AuthHousekeepingService } from '../src/auth/auth-housekeeping.service';
import { createSeller, DEFAULT_PASSWORD, randomIp, uniqueEmail } from './factories/seller.factory';
import { DAY, FakeClock, MINUTE } from './support/fake-clock';
import { createTestApp, TestApp, uniqueDbName } from './support/test-app';

describe('Login throttling', () => {
  const clock = new FakeClock('2026-04-01T08:00:00.000Z');
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(async () => {
    await t.close();
  });

  const attempt = (app: TestApp, email: string, password: string, ip = randomIp()) =>
    app.http().post('/api/sellers/login').set('X-Forwarded-For', ip).send({ email, password });

  it('locks an e-mail after 5 failures in 15 minutes, even from other IPs and with the right password', async () => {
    const seller = await createSeller(t);
    for (let i = 0; i < 5; i += 1) {
      await attempt(t, seller.email, 'wrong password').expect(401);
    }
    const res = await attempt(t, seller.email, seller.password).expect(429);
    expect(res.body.error).toMatchObject({
      code: 'LOGIN_THROTTLED',
      details: { retryAfterSeconds: 900 },
    });
    expect(res.headers['retry-after']).toBe('900');

    clock.advance(10 * MINUTE);
    expect(
      (await attempt(t, seller.email, seller.password).expect(429)).headers['retry-after'],
    ).toBe('300');
    clock.advance(5 * MINUTE + 1000);
    await attempt(t, seller.email, seller.password).expect(200);
  });

  it('throttles unknown e-mails the same way, revealing nothing', async () => {
    const email = uniqueEmail('ghost');
    for (let i = 0; i < 5; i += 1) {
      await attempt(t, email, 'whatever-password').expect(401);
    }
    expect((await attempt(t, email, 'whatever-password').expect(429)).body.error.code).toBe(
      'LOGIN_THROTTLED',
    );
  });

  it('locks an IP after 20 failures across e-mails, and only that IP', async () => {
    const ip = randomIp();
    for (let i = 0; i < 20; i += 1) {
      await attempt(t, uniqueEmail('spray'), 'wrong password', ip).expect(401);
    }
    const seller = await createSeller(t);
    const res = await attempt(t, seller.email, seller.password, ip).expect(429);
    expect(res.body.error.code).toBe('LOGIN_THROTTLED');
    await attempt(t, seller.email, seller.password, randomIp()).expect(200);
  });

  it('clears an e-mail’s count when its owner logs in', async () => {
    const seller = await createSeller(t);
    for (let i = 0; i < 4; i += 1) {
      await attempt(t, seller.email, 'wrong password').expect(401);
    }
    clock.advance(1000);
    await attempt(t, seller.email, seller.password).expect(200);
    clock.advance(1000);
    for (let i = 0; i < 4; i += 1) {
      await attempt(t, seller.email, 'wrong password').expect(401);
    }
    await attempt(t, seller.email, seller.password).expect(200);
  });

  it('does not count throttled attempts, so hammering does not extend the lockout', async () => {
    const seller = await createSeller(t);
    for (let i = 0; i < 5; i += 1) {
      await attempt(t, seller.email, 'wrong password').expect(401);
    }
    clock.advance(14 * MINUTE);
    for (let i = 0; i < 5; i += 1) {
      await attempt(t, seller.email, 'wrong password').expect(429);
    }
    clock.advance(MINUTE + 1000);
    await attempt(t, seller.email, seller.password).expect(200);
  });

  it('purges attempts a day after they left the window, and expired refresh tokens', async () => {
    const seller = await createSeller(t);
    await attempt(t, seller.email, 'wrong password').expect(401);
    const attempts = t.connection.collection('login_attempts');
    expect(await attempts.countDocuments({ email: seller.email })).toBe(2);
    const housekeeping = t.app.get(AuthHousekeepingService);
    await housekeeping.purge();
    expect(await attempts.countDocuments({ email: seller.email })).toBe(2);

    clock.advance(31 * DAY + MINUTE);
    const purged = await housekeeping.purge();
    expect(purged.loginAttempts).toBeGreaterThanOrEqual(2);
    expect(purged.refreshTokens).toBeGreaterThanOrEqual(1);
    expect(await attempts.countDocuments({ email: seller.email })).toBe(0);
    expect(
      await t.connection.collection('refresh_tokens').countDocuments({ sellerId: seller.id }),
    ).toBe(0);
  });

  it('lets at most 5 of a burst of parallel guesses reach the password check', async () => {
    const seller = await createSeller(t);
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => attempt(t, seller.email, 'wrong password')),
    );
    const checked = answers.filter((a) => a.status === 401).length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(answers.every((a) => a.status === 401 || a.status === 429)).toBe(true);
    expect(
      await t.connection
        .collection('login_attempts')
        .countDocuments({ email: seller.email, outcome: 'failed' }),
    ).toBe(checked);
  });
});

describe('Login throttling across two instances', () => {
  const dbName = uniqueDbName('throttle');
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await createTestApp({ dbName });
    b = await createTestApp({ dbName });
  });
  afterAll(async () => {
    await b.connection.dropDatabase();
    await Promise.all([a.app.close(), b.app.close()]);
  });

  it('counts failures in the database, so they add up across instances', async () => {
    const email = uniqueEmail('multi');
    await a
      .http()
      .post('/api/sellers/register')
      .send({ email, password: DEFAULT_PASSWORD, name: 'Multi' })
      .expect(201);
    for (const app of [a, b, a, b, a]) {
      await app
        .http()
        .post('/api/sellers/login')
        .set('X-Forwarded-For', randomIp())
        .send({ email, password: 'wrong password' })
        .expect(401);
    }
    const res = await b
      .http()
      .post('/api/sellers/login')
      .set('X-Forwarded-For', randomIp())
      .send({ email, password: DEFAULT_PASSWORD })
      .expect(429);
    expect(res.body.error.code).toBe('LOGIN_THROTTLED');
  });
});
