import { TelegramFakeServer } from '@app/telegram-fake';
import { ExpiryService } from '../src/access/lifecycle/expiry.service';
import { MembershipRepository } from '../src/memberships/membership.repository';
import { RENEWAL_SETTLE_MS } from '../src/memberships/memberships.service';
import {
  DAY_MINUTES,
  drainOutbox,
  grant,
  paymentGrant,
  sellerWithPlan,
  startedUser,
} from './factories/membership.factory';
import { DAY, FakeClock, MINUTE } from './support/fake-clock';
import { createTelegramTestApp, TelegramTestApp } from './support/telegram-fake';

/** GRACE_DAYS=0: no grace for a failed payment, but a renewal still has time to arrive. */
describe('Renewals with GRACE_DAYS=0', () => {
  let tg: TelegramFakeServer;
  let t: TelegramTestApp;
  let expiry: ExpiryService;
  let memberships: MembershipRepository;
  const clock = new FakeClock(new Date());

  beforeAll(async () => {
    tg = await TelegramFakeServer.start();
    t = await createTelegramTestApp({ tg, mode: 'webhook', clock, env: { GRACE_DAYS: '0' } });
    expiry = t.app.get(ExpiryService);
    memberships = t.app.get(MembershipRepository);
  });
  afterAll(async () => {
    await t.close();
    await tg.stop();
  });

  const period = { billing: 'recurring' as const, durationMinutes: 30 * DAY_MINUTES };

  it('keeps a subscriber whose renewal arrives an hour after the period ended', async () => {
    const setup = await sellerWithPlan(t, { plan: { billing: 'recurring' } });
    const payer = startedUser(t);
    const { membership } = await grant(t, paymentGrant(setup, payer, period));
    const membershipId = membership!.id;

    clock.advance(30 * DAY + MINUTE);
    expect(await expiry.sweep()).toMatchObject({ grace: 1, expired: 0 });
    const waiting = await memberships.findById(membershipId);
    expect(waiting).toMatchObject({ status: 'grace' });
    expect(waiting!.graceEndsAt!.getTime()).toBe(waiting!.expiresAt!.getTime() + RENEWAL_SETTLE_MS);

    clock.advance(60 * MINUTE);
    await grant(
      t,
      paymentGrant(setup, payer, {
        ...period,
        kind: 'renewal',
        providerPaymentId: `in_${membershipId}`,
      }),
    );
    expect(await memberships.findById(membershipId)).toMatchObject({ status: 'active' });
    expect(await expiry.sweep()).toMatchObject({ expired: 0 });
  });

  it('removes a subscriber once the settle window passes without a renewal', async () => {
    const setup = await sellerWithPlan(t, { plan: { billing: 'recurring' } });
    const payer = startedUser(t);
    const { membership } = await grant(t, paymentGrant(setup, payer, period));

    // The clock is shared: the members of earlier tests are swept too, so look at this one.
    clock.advance(30 * DAY + MINUTE);
    await expiry.sweep();
    expect(await memberships.findById(membership!.id)).toMatchObject({ status: 'grace' });
    clock.advance(RENEWAL_SETTLE_MS);
    await expiry.sweep();
    expect(await memberships.findById(membership!.id)).toMatchObject({ status: 'expired' });
    await drainOutbox(t);
  });

  it('removes a one-off purchase at the end of its paid time, with no settle window', async () => {
    const setup = await sellerWithPlan(t);
    const payer = startedUser(t);
    const { membership } = await grant(
      t,
      paymentGrant(setup, payer, { durationMinutes: DAY_MINUTES }),
    );

    clock.advance(DAY + MINUTE);
    await expiry.sweep();
    expect(await memberships.findById(membership!.id)).toMatchObject({ status: 'expired' });
    await drainOutbox(t);
  });
});
