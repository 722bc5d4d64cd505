import { randomBytes } from 'node:crypto';
import { GrantService } from '../src/memberships/grant.service';
import { FakeClock } from './support/fake-clock';
import { createTestApp, TestApp } from './support/test-app';

describe('Grants are dated by the app clock', () => {
  let t: TestApp;
  // Far from the machine's time, so the database driver's clock cannot pass for it.
  const clock = new FakeClock('2031-07-15T09:30:00.000Z');

  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(async () => {
    await t.close();
  });

  it('records a grant with the injected clock’s time as its createdAt', async () => {
    const tag = randomBytes(4).toString('hex');
    const { grant, created } = await t.app.get(GrantService).grant({
      provider: 'manual',
      providerPaymentId: `manual-${tag}`,
      kind: 'manual',
      sellerId: `seller-${tag}`,
      planId: `plan-${tag}`,
      channels: [{ channelId: `channel-${tag}`, chatId: -1001234567890 }],
      durationMinutes: 60,
      accessMode: 'invite_link',
      billing: 'one_off',
    });
    expect(created).toBe(true);
    expect(grant.createdAt).toEqual(clock.now());
    const stored = await t.connection
      .collection('grants')
      .findOne({ providerPaymentId: `manual-${tag}` });
    expect(stored?.createdAt).toEqual(clock.now());
  });
});
