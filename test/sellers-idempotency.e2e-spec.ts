import { fingerprintKeyFrom } from '../src/common/idempotency/idempotency.interceptor';
import { IdempotencyRepository } from '../src/common/idempotency/idempotency.repository';
import { IdempotencyService } from '../src/common/idempotency/idempotency.service';
import { requestFingerprint } from '../src/common/idempotency/request-fingerprint';
import {
  asSeller,
  createApiKey,
  createSeller,
  login,
  TestSeller,
} from './factories/seller.factory';
import { DAY, FakeClock, MINUTE } from './support/fake-clock';
import { createTestApp, TestApp } from './support/test-app';

describe('Idempotency-Key on write requests', () => {
  const clock = new FakeClock('2026-06-01T09:00:00.000Z');
  let t: TestApp;
  let seller: TestSeller;

  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    // A fresh seller (and access token) per test: the clock moves in some of them.
    seller = await createSeller(t);
  });

  const createEndpoint = (as: TestSeller, key: string, url = 'https://example.com/hook') =>
    asSeller(t.http().post('/api/sellers/webhooks'), as).set('Idempotency-Key', key).send({ url });
  const endpointCount = (as: TestSeller) =>
    t.connection.collection('seller_webhook_endpoints').countDocuments({ sellerId: as.id });

  it('answers a repeat with the first answer, without running it again', async () => {
    const first = await createEndpoint(seller, 'key-1').expect(201);
    const repeat = await createEndpoint(seller, 'key-1').expect(201);
    expect(repeat.body).toEqual(first.body);
    const stored = await t.connection
      .collection('idempotency_records')
      .findOne({ sellerId: seller.id, key: 'key-1' });
    expect(stored?.responseEnc).toMatch(/^v1:/);
    expect(JSON.stringify(stored)).not.toContain(first.body.secret);
    expect(repeat.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(await endpointCount(seller)).toBe(1);
  });

  it('refuses the same key with another body (IDEMPOTENCY_KEY_REUSED)', async () => {
    await createEndpoint(seller, 'key-2').expect(201);
    const res = await createEndpoint(seller, 'key-2', 'https://example.com/other').expect(422);
    expect(res.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await endpointCount(seller)).toBe(1);
  });

  it('refuses the same key on another endpoint', async () => {
    await createEndpoint(seller, 'key-3').expect(201);
    const res = await asSeller(t.http().put('/api/sellers/payment-settings'), seller)
      .set('Idempotency-Key', 'key-3')
      .send({ mode: 'platform' })
      .expect(422);
    expect(res.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('keeps keys per seller', async () => {
    const other = await createSeller(t);
    const mine = await createEndpoint(seller, 'shared-key').expect(201);
    const theirs = await createEndpoint(other, 'shared-key').expect(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(await endpointCount(other)).toBe(1);
  });

  it('answers 409 IDEMPOTENCY_IN_PROGRESS while the first request still runs', async () => {
    const url = 'https://example.com/slow';
    await t.app.get(IdempotencyRepository).tryInsert({
      sellerId: seller.id,
      key: 'running-key',
      fingerprint: requestFingerprint({
        method: 'POST',
        url: '/api/sellers/webhooks',
        body: { url },
        key: fingerprintKeyFrom(t.config.jwtSecret),
      }),
      runId: 'someone-else',
      createdAt: clock.now(),
    });
    const res = await createEndpoint(seller, 'running-key', url).expect(409);
    expect(res.body.error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    expect(await endpointCount(seller)).toBe(0);
  });

  it('takes over a claim abandoned by a crashed request after 5 minutes', async () => {
    const url = 'https://example.com/crashed';
    await t.app.get(IdempotencyRepository).tryInsert({
      sellerId: seller.id,
      key: 'crashed-key',
      fingerprint: requestFingerprint({
        method: 'POST',
        url: '/api/sellers/webhooks',
        body: { url },
        key: fingerprintKeyFrom(t.config.jwtSecret),
      }),
      runId: 'dead-process',
      createdAt: new Date(clock.now().getTime() - 6 * MINUTE),
    });
    await createEndpoint(seller, 'crashed-key', url).expect(201);
    expect(await endpointCount(seller)).toBe(1);
  });

  it('runs a burst of identical requests once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => createEndpoint(seller, 'burst-key')),
    );
    const created = answers.filter((a) => a.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((a) => a.body.id)).size).toBe(1);
    for (const other of answers.filter((a) => a.status !== 201)) {
      expect(other.status).toBe(409);
      expect(other.body.error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    }
    expect(await endpointCount(seller)).toBe(1);
  });

  it('does not keep failed requests: the key can be retried', async () => {
    const bad = await asSeller(t.http().post('/api/sellers/webhooks'), seller)
      .set('Idempotency-Key', 'retry-key')
      .send({ url: 'ftp://example.com/x' })
      .expect(422);
    expect(bad.body.error.code).toBe('INVALID_WEBHOOK_URL');
    await createEndpoint(seller, 'retry-key').expect(201);
  });

  it('replays a 204 answer too', async () => {
    const endpoint = await createEndpoint(seller, 'create-then-delete').expect(201);
    const remove = () =>
      asSeller(t.http().delete(`/api/sellers/webhooks/${endpoint.body.id}`), seller).set(
        'Idempotency-Key',
        'delete-key',
      );
    await remove().expect(204);
    await remove().expect(204);
    await asSeller(t.http().delete(`/api/sellers/webhooks/${endpoint.body.id}`), seller).expect(
      404,
    );
  });

  it('works for API-key callers, scoped to the key’s seller', async () => {
    const key = await createApiKey(t, seller);
    const send = () =>
      t
        .http()
        .post('/api/sellers/webhooks')
        .set('X-API-Key', key.key)
        .set('Idempotency-Key', 'api-key-call')
        .send({ url: 'https://example.com/api' });
    const first = await send().expect(201);
    expect((await send().expect(201)).body).toEqual(first.body);
    expect(await endpointCount(seller)).toBe(1);
  });

  it('refuses a malformed key', async () => {
    for (const key of ['x'.repeat(256), 'has space']) {
      const res = await createEndpoint(seller, key).expect(400);
      expect(res.body.error.code).toBe('INVALID_IDEMPOTENCY_KEY');
    }
    expect(await endpointCount(seller)).toBe(0);
  });

  it('forgets keys after 24 hours', async () => {
    await createEndpoint(seller, 'old-key').expect(201);
    clock.advance(DAY + MINUTE);
    expect(await t.app.get(IdempotencyService).purgeExpired()).toBeGreaterThan(0);
    const session = { ...seller, ...(await login(t, seller)) };
    await createEndpoint(session, 'old-key').expect(201);
    expect(await endpointCount(seller)).toBe(2);
  });
});
