import { asSeller, createSeller, login } from './factories/seller.factory';
import { DAY, FakeClock } from './support/fake-clock';
import { createTestApp, TestApp } from './support/test-app';

function decodeJwt(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

describe('Refresh tokens and logout', () => {
  let t: TestApp;
  const clock = new FakeClock('2026-03-01T10:00:00.000Z');

  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('refresh tokens', () => {
    const refresh = (token: string) =>
      t.http().post('/api/sellers/refresh').send({ refreshToken: token });

    it('stores refresh tokens only as hashes', async () => {
      const seller = await createSeller(t);
      const docs = await t.connection
        .collection('refresh_tokens')
        .find({ sellerId: seller.id })
        .toArray();
      expect(docs).toHaveLength(1);
      expect(JSON.stringify(docs)).not.toContain(seller.refreshToken);
      expect(docs[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('rotates on every use: a new pair each time, and the new refresh token works', async () => {
      const seller = await createSeller(t);
      const first = await refresh(seller.refreshToken).expect(200);
      expect(first.body.refreshToken).not.toBe(seller.refreshToken);
      expect(decodeJwt(first.body.accessToken)).toMatchObject({ sub: seller.id, typ: 'access' });
      const second = await refresh(first.body.refreshToken).expect(200);
      await asSeller(t.http().get('/api/sellers/me'), second.body).expect(200);
    });

    it('treats reuse of a rotated token as theft: the whole family is revoked', async () => {
      const seller = await createSeller(t);
      const rotated = await refresh(seller.refreshToken).expect(200);
      const reuse = await refresh(seller.refreshToken).expect(401);
      expect(reuse.body.error.code).toBe('REFRESH_TOKEN_REUSED');
      const successor = await refresh(rotated.body.refreshToken).expect(401);
      expect(successor.body.error.code).toBe('REFRESH_TOKEN_REVOKED');
    });

    it('leaves the seller’s other sessions alone when one family is revoked', async () => {
      const seller = await createSeller(t);
      const other = await login(t, seller);
      await refresh(seller.refreshToken).expect(200);
      await refresh(seller.refreshToken).expect(401);
      await refresh(other.refreshToken).expect(200);
    });

    it('lets at most one of several concurrent refreshes of the same token succeed', async () => {
      for (let round = 0; round < 5; round += 1) {
        const seller = await createSeller(t);
        const answers = await Promise.all(
          Array.from({ length: 4 }, () => refresh(seller.refreshToken)),
        );
        const succeeded = answers.filter((a) => a.status === 200);
        expect(succeeded.length).toBeLessThanOrEqual(1);
        for (const loser of answers.filter((a) => a.status !== 200)) {
          expect(loser.status).toBe(401);
          expect(['REFRESH_TOKEN_REUSED', 'REFRESH_TOKEN_REVOKED']).toContain(
            loser.body.error.code,
          );
        }
        // A loser is a reuse, so the winner's token dies with the family too.
        for (const winner of succeeded) {
          await refresh(winner.body.refreshToken).expect(401);
        }
        const children = await t.connection
          .collection('refresh_tokens')
          .countDocuments({ sellerId: seller.id, parentId: { $not: /^root:/ } });
        expect(children).toBeLessThanOrEqual(1);
      }
    });

    it('refuses a refresh token after 30 days (REFRESH_TOKEN_EXPIRED)', async () => {
      const seller = await createSeller(t);
      clock.advance(31 * DAY);
      const res = await refresh(seller.refreshToken).expect(401);
      expect(res.body.error.code).toBe('REFRESH_TOKEN_EXPIRED');
    });

    it('refuses an unknown refresh token (INVALID_REFRESH_TOKEN)', async () => {
      const res = await refresh('mgr_not-a-real-token').expect(401);
      expect(res.body.error.code).toBe('INVALID_REFRESH_TOKEN');
    });
  });

  describe('logout', () => {
    it('ends the session of the refresh token', async () => {
      const seller = await createSeller(t);
      await t
        .http()
        .post('/api/sellers/logout')
        .send({ refreshToken: seller.refreshToken })
        .expect(204);
      const res = await t
        .http()
        .post('/api/sellers/refresh')
        .send({ refreshToken: seller.refreshToken })
        .expect(401);
      expect(res.body.error.code).toBe('REFRESH_TOKEN_REVOKED');
    });

    it('answers 204 for an unknown token too, revealing nothing', async () => {
      await t.http().post('/api/sellers/logout').send({ refreshToken: 'mgr_unknown' }).expect(204);
    });
  });
});
